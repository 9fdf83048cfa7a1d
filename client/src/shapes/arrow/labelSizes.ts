/**
 * Label sizes for arrows, in px, by tldraw size style. tldraw's defaults (20 px at size m) are sized
 * for sketches; on an architecture diagram the protocol ("WebSocket", "gRPC") is secondary to the
 * cards it joins. More to the point, tldraw squeezes a label to 64 px on a short horizontal arrow
 * and then breaks it mid-word ("WebSock|et"); at 12 px every protocol quick pick fits in those
 * 64 px on one line. Kept free of tldraw: the replay's frame painter reads it before tldraw loads.
 */
export const ARROW_LABEL_FONT_SIZES = { s: 11, m: 12, l: 15, xl: 19 } as const
