// Builders for the sandbox's FHIR data: a SourceBuilder collects one source's
// resources and cuts them into transaction Bundles; small functions build the
// resources in the shapes docs/fhir-conventions.md describes.
import type {
  AllergyIntolerance,
  Attachment,
  Bundle,
  BundleEntry,
  CodeableConcept,
  Coding,
  Condition,
  ContactPoint,
  Dosage,
  DocumentReference,
  Encounter,
  EpisodeOfCare,
  EncounterLocation,
  Medication,
  MedicationRequest,
  Meta,
  Narrative,
  Observation,
  ObservationComponent,
  ObservationReferenceRange,
  Quantity,
  Reference,
  Resource,
} from '@medplum/fhirtypes';
import type { SourceOrganisation } from '../config';
import type { Clock } from './dates';
import { uuidFromKey } from './ids';
import { DOSE_FORM, MEDICINES, RESTRICTED, SYS, UNIT, type MedicineKey } from './terminology';

/** A reference to an entry of the same bundle (`urn:uuid:`), with a display; assignable to any typed Reference. */
export type Ref = Reference<never> & { reference: string };

interface Entry {
  key: string;
  fullUrl: string;
  resource: Resource;
  /** Reference data repeated in every bundle that needs it, created once (conditional create). */
  ifNoneExist?: string;
  group: number;
  refs: string[];
}

export interface BundleOptions {
  /** Most entries in one Bundle. */
  maxEntries?: number;
  /** Put every shared entry in the first Bundle, needed or not (the source's directory). */
  allSharedFirst?: boolean;
}

/** Collects one source's resources; keys are unique within the source and give stable UUIDs. */
export class SourceBuilder {
  readonly #entries: Entry[] = [];
  readonly #byKey = new Map<string, Entry>();
  #group = 0;

  constructor(
    readonly source: SourceOrganisation,
    readonly clock: Clock,
  ) {}

  get name(): SourceOrganisation['name'] {
    return this.source.name;
  }

  /** Adds reference data (organisation, practitioner, location, patient): created once, found again by `ifNoneExist`. */
  shared<T extends Resource>(key: string, resource: T, ifNoneExist: string, display?: string): Ref {
    return this.#put(key, resource, display, ifNoneExist);
  }

  add<T extends Resource>(key: string, resource: T, display?: string): Ref {
    return this.#put(key, resource, display);
  }

  /** Starts a new group: entries of one group always travel in the same Bundle. */
  group(): void {
    this.#group++;
  }

  ref(key: string, display?: string): Ref {
    const entry = this.#byKey.get(key);
    if (!entry) throw new Error(`${this.name}: no entry "${key}"`);
    return this.#refTo(entry, display);
  }

  // `type` says what a urn:uuid points at (validators cannot tell otherwise).
  #refTo(entry: Entry, display?: string): Ref {
    const ref: Ref = { reference: entry.fullUrl, type: entry.resource.resourceType };
    if (display) ref.display = display;
    return ref;
  }

  has(key: string): boolean {
    return this.#byKey.has(key);
  }

  get size(): number {
    return this.#entries.length;
  }

  resources(): Resource[] {
    return this.#entries.map((e) => e.resource);
  }

  bundles({ maxEntries = 2000, allSharedFirst = false }: BundleOptions = {}): Bundle[] {
    const shared = this.#entries.filter((e) => e.ifNoneExist !== undefined);
    const budget = Math.max(1, maxEntries - shared.length);
    const chunks: Entry[][] = [];
    let chunk: Entry[] = [];
    for (const group of this.#groups()) {
      if (chunk.length > 0 && chunk.length + group.length > budget) {
        chunks.push(chunk);
        chunk = [];
      }
      chunk.push(...group);
    }
    if (chunk.length > 0 || (allSharedFirst && chunks.length === 0)) chunks.push(chunk);
    return chunks.map((entries, i) => this.#bundle(i === 0 && allSharedFirst ? shared : this.#sharedNeeded(entries), entries));
  }

  #put(key: string, resource: Resource, display?: string, ifNoneExist?: string): Ref {
    if (this.#byKey.has(key)) throw new Error(`${this.name}: duplicate entry "${key}"`);
    const entry: Entry = {
      key,
      fullUrl: `urn:uuid:${uuidFromKey(`${this.name}|${key}`)}`,
      resource,
      ifNoneExist,
      group: this.#group,
      refs: [...prune(resource, new Set<string>())],
    };
    this.#entries.push(entry);
    this.#byKey.set(key, entry);
    return this.#refTo(entry, display);
  }

  *#groups(): Generator<Entry[]> {
    let current: Entry[] = [];
    let group = -1;
    for (const entry of this.#entries) {
      if (entry.ifNoneExist !== undefined) continue;
      if (entry.group !== group && current.length > 0) {
        yield current;
        current = [];
      }
      group = entry.group;
      current.push(entry);
    }
    if (current.length > 0) yield current;
  }

  #sharedNeeded(entries: Entry[]): Entry[] {
    const byUrl = new Map(this.#entries.map((e) => [e.fullUrl, e]));
    const needed = new Set<Entry>();
    const visit = (url: string) => {
      const target = byUrl.get(url);
      if (!target || target.ifNoneExist === undefined || needed.has(target)) return;
      needed.add(target);
      target.refs.forEach(visit);
    };
    for (const entry of entries) entry.refs.forEach(visit);
    return this.#entries.filter((e) => needed.has(e));
  }

  #bundle(shared: Entry[], entries: Entry[]): Bundle {
    const all = [...shared, ...entries];
    const urls = new Set(all.map((e) => e.fullUrl));
    for (const entry of all) {
      const missing = entry.refs.find((r) => !urls.has(r));
      if (missing) throw new Error(`${this.name}: "${entry.key}" refers to ${missing}, which is not in its bundle (group them)`);
    }
    return {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: all.map((e): BundleEntry => ({
        fullUrl: e.fullUrl,
        resource: e.resource,
        request:
          e.ifNoneExist === undefined
            ? { method: 'POST', url: e.resource.resourceType }
            : { method: 'POST', url: e.resource.resourceType, ifNoneExist: e.ifNoneExist },
      })),
    };
  }
}

/** Drops undefined properties (the builders leave optional fields undefined) and collects `urn:uuid:` references. */
function prune(value: unknown, refs: Set<string>): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) prune(item, refs);
  } else if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const k of Object.keys(record)) {
      const v = record[k];
      if (v === undefined) delete record[k];
      else if (k === 'reference' && typeof v === 'string' && v.startsWith('urn:uuid:')) refs.add(v);
      else if (typeof v === 'object') prune(v, refs);
    }
  }
  return refs;
}

// ------------------------------------------------------------------ datatypes

const UK_CORE = 'https://fhir.hl7.org.uk/StructureDefinition/UKCore-';

/** meta.profile for a UK Core profile, optionally with the restricted label. */
export function ukCore(profile: string, restricted = false): Meta {
  return restricted ? { profile: [UK_CORE + profile], security: [RESTRICTED] } : { profile: [UK_CORE + profile] };
}

export function cc(coding: Coding | Coding[], text?: string): CodeableConcept {
  const codings = Array.isArray(coding) ? coding : [coding];
  return { coding: codings, text: text ?? codings[0]?.display };
}

export function textOnly(text: string): CodeableConcept {
  return { text };
}

export function coding(system: string, code: string, display?: string): Coding {
  return display ? { system, code, display } : { system, code };
}

/** UCUM quantity. */
export function qty(value: number, unit: string, code = unit): Quantity {
  return { value, unit, system: SYS.ucum, code };
}

export function phone(value: string, use: ContactPoint['use'] = 'work'): ContactPoint {
  return { system: 'phone', value, use };
}

export function email(value: string): ContactPoint {
  return { system: 'email', value, use: 'work' };
}

/** A narrative from trusted, already escaped XHTML. */
export function narrative(xhtml: string, status: Narrative['status'] = 'generated'): Narrative {
  return { status, div: `<div xmlns="http://www.w3.org/1999/xhtml">${xhtml}</div>` };
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** An attachment carrying its content inline (base64). */
export function inlineAttachment(contentType: string, content: string, title: string, creation?: string): Attachment {
  return { contentType, language: 'en-GB', data: Buffer.from(content, 'utf8').toString('base64'), title, creation };
}

// ------------------------------------------------------------------ resources

const CLINICAL: Record<string, string> = {
  active: 'Active',
  recurrence: 'Recurrence',
  relapse: 'Relapse',
  inactive: 'Inactive',
  remission: 'Remission',
  resolved: 'Resolved',
};

export interface ConditionOptions {
  patient: Ref;
  code: Coding | CodeableConcept;
  clinicalStatus: 'active' | 'inactive' | 'resolved' | 'remission';
  verificationStatus?: 'confirmed' | 'provisional' | 'entered-in-error' | 'refuted';
  category?: 'problem-list-item' | 'encounter-diagnosis';
  onset?: string;
  abatement?: string;
  recorded?: string;
  recorder?: Ref;
  encounter?: Ref;
  severity?: Coding;
  note?: string;
  restricted?: boolean;
}

export function condition(o: ConditionOptions): Condition {
  const category = o.category ?? 'problem-list-item';
  return {
    resourceType: 'Condition',
    meta: ukCore('Condition', o.restricted),
    // R4 con-5: no clinicalStatus when entered in error.
    clinicalStatus:
      o.verificationStatus === 'entered-in-error'
        ? undefined
        : cc(coding(SYS.conditionClinical, o.clinicalStatus, CLINICAL[o.clinicalStatus])),
    verificationStatus: cc(coding(SYS.conditionVerification, o.verificationStatus ?? 'confirmed')),
    category: [cc(coding(SYS.conditionCategory, category, category === 'problem-list-item' ? 'Problem List Item' : 'Encounter Diagnosis'))],
    severity: o.severity ? cc(o.severity) : undefined,
    code: 'system' in o.code ? cc(o.code) : o.code,
    subject: o.patient,
    encounter: o.encounter,
    onsetDateTime: o.onset,
    abatementDateTime: o.abatement,
    recordedDate: o.recorded ?? o.onset,
    recorder: o.recorder,
    note: o.note ? [{ text: o.note }] : undefined,
  };
}

export interface AllergyOptions {
  patient: Ref;
  code: Coding;
  category?: 'medication' | 'food' | 'environment' | 'biologic';
  type?: 'allergy' | 'intolerance';
  criticality?: 'low' | 'high' | 'unable-to-assess';
  clinicalStatus?: 'active' | 'inactive' | 'resolved';
  verificationStatus?: 'confirmed' | 'unconfirmed' | 'refuted' | 'entered-in-error';
  reaction?: { manifestation: Coding; severity?: 'mild' | 'moderate' | 'severe'; description?: string };
  onset?: string;
  recorded: string;
  recorder?: Ref;
  encounter?: Ref;
  note?: string;
}

export function allergy(o: AllergyOptions): AllergyIntolerance {
  const verification = o.verificationStatus ?? 'confirmed';
  return {
    resourceType: 'AllergyIntolerance',
    meta: ukCore('AllergyIntolerance'),
    // R4 (ait-1/ait-2): no clinicalStatus when entered in error.
    clinicalStatus:
      verification === 'entered-in-error'
        ? undefined
        : cc(coding(SYS.allergyClinical, o.clinicalStatus ?? 'active', CLINICAL[o.clinicalStatus ?? 'active'])),
    verificationStatus: cc(coding(SYS.allergyVerification, verification)),
    type: o.type,
    category: o.category ? [o.category] : undefined,
    criticality: o.criticality,
    code: cc(o.code),
    patient: o.patient,
    encounter: o.encounter,
    onsetDateTime: o.onset,
    recordedDate: o.recorded,
    recorder: o.recorder,
    reaction: o.reaction
      ? [{ manifestation: [cc(o.reaction.manifestation)], severity: o.reaction.severity, description: o.reaction.description }]
      : undefined,
    note: o.note ? [{ text: o.note }] : undefined,
  };
}

/** The contained Medication of a MedicationRequest: dm+d code (or the VMP name as text), form, strength. */
export function medication(key: MedicineKey): Medication {
  const def = MEDICINES[key];
  const form = def.form in DOSE_FORM ? cc(DOSE_FORM[def.form as keyof typeof DOSE_FORM]) : textOnly(def.form);
  const per = def.strength.per;
  const denominatorUnit =
    per === 'dose'
      ? { value: 1, unit: 'dose' }
      : {
          value: 'perValue' in def.strength ? def.strength.perValue : 1,
          unit: UNIT[per].display,
          system: SYS.snomed,
          code: UNIT[per].code,
        };
  return {
    resourceType: 'Medication',
    id: 'med',
    code: 'vmp' in def ? cc(coding(SYS.dmd, def.vmp, def.name), def.name) : textOnly(def.name),
    form,
    ingredient: [
      {
        itemCodeableConcept: textOnly(def.ingredient),
        isActive: true,
        strength: {
          numerator: qty(
            def.strength.value,
            def.strength.unit,
            def.strength.unit === 'unit' ? '[iU]' : def.strength.unit === 'microgram' ? 'ug' : def.strength.unit,
          ),
          denominator: denominatorUnit,
        },
      },
    ],
  };
}

export interface DoseOptions {
  text: string;
  value?: number;
  unit?: string;
  /** Times per period. */
  frequency?: number;
  period?: number;
  periodUnit?: 'h' | 'd' | 'wk';
  when?: ('MORN' | 'NIGHT' | 'HS' | 'C')[];
  asNeeded?: string;
  route?: 'oral' | 'subcutaneous' | 'inhaled';
}

const ROUTES = {
  oral: cc(coding(SYS.snomed, '26643006', 'Oral route')),
  subcutaneous: cc(coding(SYS.snomed, '34206005', 'Subcutaneous route')),
  inhaled: textOnly('Inhalation'),
} as const;

export function dosage(o: DoseOptions, sequence?: number): Dosage {
  return {
    sequence,
    text: o.text,
    timing:
      o.frequency !== undefined || o.when
        ? {
            repeat: {
              frequency: o.frequency,
              period: o.period ?? (o.frequency !== undefined ? 1 : undefined),
              periodUnit: o.periodUnit ?? (o.frequency !== undefined ? 'd' : undefined),
              when: o.when,
            },
          }
        : undefined,
    asNeededBoolean: o.asNeeded ? true : undefined,
    additionalInstruction: o.asNeeded ? [textOnly(o.asNeeded)] : undefined,
    route: o.route ? ROUTES[o.route] : undefined,
    doseAndRate: o.value !== undefined && o.unit ? [{ doseQuantity: { value: o.value, unit: o.unit } }] : undefined,
  };
}

export interface MedicationRequestOptions {
  patient: Ref;
  medicine: MedicineKey;
  status: MedicationRequest['status'];
  intent: 'plan' | 'order';
  course?: 'continuous' | 'acute';
  category?: 'inpatient' | 'outpatient' | 'community' | 'discharge';
  /** Extra category text, e.g. "Anticipatory medicine". */
  categoryText?: string;
  authoredOn: string;
  requester?: Ref;
  dose: DoseOptions | DoseOptions[];
  basedOn?: Ref;
  encounter?: Ref;
  validity?: { start: string; end?: string };
  quantity?: { value: number; unit: string };
  supplyDays?: number;
  repeats?: number;
  note?: string;
  statusReason?: string;
  restricted?: boolean;
}

export function medicationRequest(o: MedicationRequestOptions): MedicationRequest {
  const categories: CodeableConcept[] = [];
  if (o.category)
    categories.push(cc(coding(SYS.medicationRequestCategory, o.category, o.category[0]?.toUpperCase() + o.category.slice(1))));
  if (o.categoryText) categories.push(textOnly(o.categoryText));
  const course = o.course ?? (o.intent === 'plan' ? 'continuous' : 'acute');
  return {
    resourceType: 'MedicationRequest',
    meta: ukCore('MedicationRequest', o.restricted),
    contained: [medication(o.medicine)],
    status: o.status,
    statusReason: o.statusReason ? textOnly(o.statusReason) : undefined,
    intent: o.intent,
    category: categories.length > 0 ? categories : undefined,
    medicationReference: { reference: '#med', display: MEDICINES[o.medicine].name },
    subject: o.patient,
    encounter: o.encounter,
    authoredOn: o.authoredOn,
    requester: o.requester,
    basedOn: o.basedOn ? [o.basedOn] : undefined,
    courseOfTherapyType: cc(
      coding(
        SYS.medicationRequestCourse,
        course,
        course === 'continuous' ? 'Continuous long term therapy' : 'Short course (acute) therapy',
      ),
    ),
    note: o.note ? [{ text: o.note }] : undefined,
    dosageInstruction: (Array.isArray(o.dose) ? o.dose : [o.dose]).map((d, i, all) => dosage(d, all.length > 1 ? i + 1 : undefined)),
    dispenseRequest:
      o.validity || o.quantity || o.supplyDays || o.repeats !== undefined
        ? {
            validityPeriod: o.validity,
            numberOfRepeatsAllowed: o.repeats,
            quantity: o.quantity ? { value: o.quantity.value, unit: o.quantity.unit } : undefined,
            expectedSupplyDuration: o.supplyDays ? { value: o.supplyDays, unit: 'day', system: SYS.ucum, code: 'd' } : undefined,
          }
        : undefined,
  };
}

export interface ObservationOptions {
  patient: Ref;
  category: 'laboratory' | 'vital-signs' | 'social-history' | 'survey' | 'exam';
  code: Coding[];
  text?: string;
  effective: string;
  issued?: string;
  value?: Quantity;
  valueText?: string;
  components?: ObservationComponent[];
  /** One range, or several (e.g. the normal range and a treatment target, `type` treatment). */
  referenceRange?: ObservationReferenceRange | ObservationReferenceRange[];
  interpretation?: 'H' | 'L' | 'N' | 'HH' | 'LL' | 'A';
  performer?: Ref[];
  encounter?: Ref;
  status?: Observation['status'];
  note?: string;
  restricted?: boolean;
}

const INTERPRETATION: Record<string, string> = { H: 'High', L: 'Low', N: 'Normal', HH: 'Critical high', LL: 'Critical low', A: 'Abnormal' };

export function observation(o: ObservationOptions): Observation {
  return {
    resourceType: 'Observation',
    meta: ukCore(o.category === 'laboratory' ? 'Observation-Lab' : 'Observation', o.restricted),
    status: o.status ?? 'final',
    category: [cc(coding(SYS.observationCategory, o.category, categoryDisplay(o.category)))],
    code: cc(o.code, o.text),
    subject: o.patient,
    encounter: o.encounter,
    effectiveDateTime: o.effective,
    issued: o.issued,
    performer: o.performer,
    valueQuantity: o.value,
    valueString: o.valueText,
    interpretation: o.interpretation
      ? [cc(coding(SYS.observationInterpretation, o.interpretation, INTERPRETATION[o.interpretation]))]
      : undefined,
    referenceRange: o.referenceRange ? [o.referenceRange].flat() : undefined,
    component: o.components,
    note: o.note ? [{ text: o.note }] : undefined,
  };
}

function categoryDisplay(category: string): string {
  return category === 'vital-signs'
    ? 'Vital Signs'
    : category === 'social-history'
      ? 'Social History'
      : category[0]?.toUpperCase() + category.slice(1);
}

export interface EncounterOptions {
  patient: Ref;
  class: 'EMER' | 'IMP' | 'AMB' | 'HH' | 'VR';
  status: Encounter['status'];
  type?: CodeableConcept;
  start: string;
  end?: string;
  reason?: CodeableConcept;
  participant?: Ref[];
  serviceProvider: Ref;
  locations?: { location: Ref; status?: EncounterLocation['status']; physicalType?: keyof typeof PHYSICAL_TYPE }[];
  diagnosis?: Ref[];
  restricted?: boolean;
  text?: Narrative;
}

const CLASS_DISPLAY = { EMER: 'emergency', IMP: 'inpatient encounter', AMB: 'ambulatory', HH: 'home health', VR: 'virtual' } as const;

export function encounter(o: EncounterOptions): Encounter {
  return {
    resourceType: 'Encounter',
    meta: ukCore('Encounter', o.restricted),
    text: o.text,
    status: o.status,
    class: coding(SYS.v3ActCode, o.class, CLASS_DISPLAY[o.class]),
    type: o.type ? [o.type] : undefined,
    subject: o.patient,
    participant: o.participant?.map((individual) => ({ individual })),
    period: o.end ? { start: o.start, end: o.end } : { start: o.start },
    reasonCode: o.reason ? [o.reason] : undefined,
    diagnosis: o.diagnosis?.map((d, i) => ({ condition: d, rank: i + 1 })),
    location: o.locations?.map((l) => ({
      location: l.location,
      status: l.status,
      physicalType: l.physicalType ? cc(coding(SYS.locationPhysicalType, l.physicalType, PHYSICAL_TYPE[l.physicalType])) : undefined,
    })),
    serviceProvider: o.serviceProvider,
  };
}

export interface EpisodeOptions {
  patient: Ref;
  status: EpisodeOfCare['status'];
  type: string;
  managingOrganization: Ref;
  start: string;
  end?: string;
  careManager: Ref;
}

/** An episode of care, e.g. a social care case with its allocated worker as care manager. */
export function episodeOfCare(o: EpisodeOptions): EpisodeOfCare {
  return {
    resourceType: 'EpisodeOfCare',
    meta: ukCore('EpisodeOfCare'),
    status: o.status,
    type: [textOnly(o.type)],
    patient: o.patient,
    managingOrganization: o.managingOrganization,
    period: o.end ? { start: o.start, end: o.end } : { start: o.start },
    careManager: o.careManager,
  };
}

export const PHYSICAL_TYPE = { si: 'Site', bu: 'Building', wi: 'Wing', wa: 'Ward', ro: 'Room', bd: 'Bed', area: 'Area' } as const;

export interface DocumentOptions {
  patient: Ref;
  type: Coding[];
  typeText?: string;
  category?: string;
  date: string;
  author?: Ref[];
  custodian: Ref;
  encounter?: Ref;
  title: string;
  contentType: 'text/html' | 'text/plain';
  content: string;
  status?: DocumentReference['status'];
  description?: string;
  restricted?: boolean;
}

export function documentReference(o: DocumentOptions): DocumentReference {
  return {
    resourceType: 'DocumentReference',
    meta: ukCore('DocumentReference', o.restricted),
    status: o.status ?? 'current',
    docStatus: 'final',
    type: cc(o.type, o.typeText),
    category: o.category ? [textOnly(o.category)] : undefined,
    subject: o.patient,
    date: o.date,
    author: o.author,
    custodian: o.custodian,
    description: o.description ?? o.title,
    content: [{ attachment: inlineAttachment(o.contentType, o.content, o.title, o.date) }],
    context: o.encounter ? { encounter: [o.encounter] } : undefined,
  };
}
