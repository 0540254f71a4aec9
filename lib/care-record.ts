// The registration module: importing it defines <care-record> and the
// elements inside it (the rest of them load when first shown), and gives
// everything the main entry does.

export * from './index';
export { CareRecordElement } from '../components/care-record/care-record';
