// The drug class an allergen belongs to, where its code or its name says so:
// an allergy to amoxicillin is a penicillin allergy, and a prescriber must see
// that. A small table of common drug allergens, not a terminology server.
//
// Where the facts come from: class membership follows the British National
// Formulary's grouping (chapter 5.1 antibacterial drugs: penicillins 5.1.1,
// cephalosporins 5.1.2.1, tetracyclines 5.1.3, macrolides 5.1.5, sulfonamides
// 5.1.8, quinolones 5.1.12; 10.1.1 non-steroidal anti-inflammatory drugs;
// 4.7.2 opioid analgesics; 2.5.5.1 ACE inhibitors), names as dm+d writes them
// (with the older British Approved Names some records still hold). The SNOMED
// CT codes are the UK edition's concepts for these allergens as GP systems and
// GP Connect send them (docs/fhir-conventions.md).

import { lookup } from '../format/lookup';
import { isSnomed, normaliseText } from './fhir';

export interface DrugClass {
  /** e.g. "Penicillins". */
  name: string;
  /** A member, in running text: "a penicillin". */
  member: string;
}

const CLASSES = {
  penicillins: { name: 'Penicillins', member: 'a penicillin' },
  cephalosporins: { name: 'Cephalosporins', member: 'a cephalosporin' },
  tetracyclines: { name: 'Tetracyclines', member: 'a tetracycline' },
  macrolides: { name: 'Macrolides', member: 'a macrolide' },
  sulfonamides: { name: 'Sulfonamides', member: 'a sulfonamide' },
  quinolones: { name: 'Quinolones', member: 'a quinolone' },
  nsaids: { name: 'Non-steroidal anti-inflammatory drugs', member: 'an NSAID' },
  opioids: { name: 'Opioids', member: 'an opioid' },
  aceInhibitors: { name: 'ACE inhibitors', member: 'an ACE inhibitor' },
} as const satisfies Record<string, DrugClass>;

type ClassId = keyof typeof CLASSES;

/** SNOMED CT (UK edition) allergen and allergy concepts. */
const BY_CODE: Readonly<Record<string, ClassId>> = {
  '764146007': 'penicillins', // Penicillin (substance)
  '91936005': 'penicillins', // Allergy to penicillin (finding)
  '372687004': 'penicillins', // Amoxicillin (substance)
  '294505008': 'penicillins', // Allergy to amoxicillin (finding)
};

/** Generic names, one word or hyphenated, as they appear in an allergen's name. */
const BY_NAME: Readonly<Record<ClassId, readonly string[]>> = {
  penicillins: [
    'penicillin',
    'penicillins',
    'benzylpenicillin',
    'phenoxymethylpenicillin',
    'amoxicillin',
    'amoxycillin',
    'ampicillin',
    'flucloxacillin',
    'co-amoxiclav',
    'co-fluampicil',
    'piperacillin',
    'pivmecillinam',
    'temocillin',
    'ticarcillin',
  ],
  cephalosporins: [
    'cephalosporin',
    'cephalosporins',
    'cefaclor',
    'cefadroxil',
    'cefalexin',
    'cephalexin',
    'cefazolin',
    'cefixime',
    'cefotaxime',
    'cefradine',
    'cephradine',
    'ceftaroline',
    'ceftazidime',
    'ceftriaxone',
    'cefuroxime',
  ],
  tetracyclines: ['tetracycline', 'tetracyclines', 'doxycycline', 'lymecycline', 'minocycline', 'oxytetracycline'],
  macrolides: ['macrolide', 'macrolides', 'erythromycin', 'clarithromycin', 'azithromycin'],
  sulfonamides: ['sulfonamide', 'sulfonamides', 'sulphonamide', 'sulphonamides', 'co-trimoxazole', 'sulfamethoxazole', 'sulfadiazine'],
  quinolones: ['quinolone', 'quinolones', 'ciprofloxacin', 'levofloxacin', 'moxifloxacin', 'ofloxacin'],
  nsaids: [
    'nsaid',
    'nsaids',
    'ibuprofen',
    'naproxen',
    'diclofenac',
    'aspirin',
    'celecoxib',
    'etoricoxib',
    'indometacin',
    'indomethacin',
    'ketoprofen',
    'mefenamic',
    'meloxicam',
    'piroxicam',
  ],
  opioids: [
    'opioid',
    'opioids',
    'opiate',
    'opiates',
    'codeine',
    'dihydrocodeine',
    'morphine',
    'diamorphine',
    'oxycodone',
    'tramadol',
    'pethidine',
    'fentanyl',
  ],
  aceInhibitors: ['captopril', 'enalapril', 'lisinopril', 'perindopril', 'ramipril'],
};

const WORD_CLASS: ReadonlyMap<string, ClassId> = new Map(
  (Object.entries(BY_NAME) as [ClassId, readonly string[]][]).flatMap(([id, words]) => words.map((w) => [w, id] as const)),
);

/** Words that name the class itself: "Penicillin allergy" is not "a penicillin". */
const CLASS_WORDS: ReadonlySet<string> = new Set([
  'penicillin',
  'penicillins',
  'cephalosporin',
  'cephalosporins',
  'tetracyclines',
  'macrolide',
  'macrolides',
  'sulfonamide',
  'sulfonamides',
  'sulphonamide',
  'sulphonamides',
  'quinolone',
  'quinolones',
  'nsaid',
  'nsaids',
  'opioid',
  'opioids',
  'opiate',
  'opiates',
]);

/**
 * The class of an allergen from its SNOMED CT / dm+d code, else from the words
 * of its name. Undefined when neither says, or when the allergen is the class
 * itself (a penicillin allergy needs no "a penicillin" after it).
 */
export function drugClassOf(name: string | undefined, code: { system?: string; code: string } | undefined): DrugClass | undefined {
  const words = normaliseText(name ?? '').split(/[\s/]+/);
  if (words.some((w) => CLASS_WORDS.has(w))) return undefined;
  const byCode = code && isSnomed(code.system) ? lookup(BY_CODE, code.code) : undefined;
  if (byCode) return CLASSES[byCode];
  const byName = words.map((w) => WORD_CLASS.get(w)).find((id) => id !== undefined);
  return byName ? CLASSES[byName] : undefined;
}
