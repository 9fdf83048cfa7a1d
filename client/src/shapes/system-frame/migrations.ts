export { systemFrameMigrations, systemFrameVersions } from '@mockboard/shared/boardShapes'
