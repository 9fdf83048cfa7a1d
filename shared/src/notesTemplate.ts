/** The shared notes every session starts with: the article's checklists as section prompts. */
export const NOTES_TEMPLATE = `# Functional requirements
- 

# Non-functional requirements
- Scale:
- Latency:
- Availability:
- Consistency:

# Capacity estimates
- Data growth (storage):
- Peak traffic (bandwidth):
- Operation types (processing):
- Caching needs (memory):
- Read/write patterns (database scaling):
- Traffic distribution (load balancing):

# API
- 

# Data model
- 

# Trade-offs
- Options:
- Strengths and limits:
- Choice and why:
- Future challenges:
- How it evolves:
`
