export { systemComponentMigrations, systemComponentVersions } from '@mockboard/shared/boardShapes'
