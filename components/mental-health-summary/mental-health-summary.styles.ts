import { base } from '../shared.styles';
import { contactStyles } from '../contact-links/contact-links.styles';
import { summaryStyles } from '../social-care-summary/social-care-summary.styles';

export const styles = [base, contactStyles, summaryStyles];
