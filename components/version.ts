// The package's name and version, as package.json has them (a unit test keeps
// them equal): said by the registration guard when two copies meet on a page.

export const PACKAGE_NAME = 'shared-care-record-viewer';
export const VERSION = '0.1.0';
