export { systemComponentMigrations, systemComponentVersions } from '@mockboard/shared/boardSchema'
