export { systemFrameMigrations, systemFrameVersions } from '@mockboard/shared/boardSchema'
