// Laid out like the social care summary: parts, each a list of items.
export { styles } from '../social-care-summary/social-care-summary.styles';
