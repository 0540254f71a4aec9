// The code systems and codes the sandbox data uses, named. SNOMED CT codes are
// international or UK edition concepts; dm+d codes are VMP ids checked against
// published dm+d extracts. Where a dm+d id could not be checked, the medicine
// carries its exact VMP name as text and no code (see MEDICINES).
import type { Coding } from '@medplum/fhirtypes';

export const SYS = {
  snomed: 'http://snomed.info/sct',
  loinc: 'http://loinc.org',
  dmd: 'https://dmd.nhs.uk',
  ucum: 'http://unitsofmeasure.org',
  nhsNumber: 'https://fhir.nhs.uk/Id/nhs-number',
  ods: 'https://fhir.nhs.uk/Id/ods-organization-code',
  odsSite: 'https://fhir.nhs.uk/Id/ods-site-code',
  sdsUser: 'https://fhir.nhs.uk/Id/sds-user-id',
  sdsRoleProfile: 'https://fhir.nhs.uk/Id/sds-role-profile-id',
  v3ActCode: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  v3Confidentiality: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality',
  v3RoleCode: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode',
  v2RelatedPerson: 'http://terminology.hl7.org/CodeSystem/v2-0131',
  v2ServiceSection: 'http://terminology.hl7.org/CodeSystem/v2-0074',
  consentScope: 'http://terminology.hl7.org/CodeSystem/consentscope',
  conditionClinical: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
  conditionVerification: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
  conditionCategory: 'http://terminology.hl7.org/CodeSystem/condition-category',
  allergyClinical: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical',
  allergyVerification: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification',
  medicationRequestCategory: 'http://terminology.hl7.org/CodeSystem/medicationrequest-category',
  medicationRequestCourse: 'http://terminology.hl7.org/CodeSystem/medicationrequest-course-of-therapy',
  observationCategory: 'http://terminology.hl7.org/CodeSystem/observation-category',
  observationInterpretation: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation',
  flagCategory: 'http://terminology.hl7.org/CodeSystem/flag-category',
  locationPhysicalType: 'http://terminology.hl7.org/CodeSystem/location-physical-type',
  organizationType: 'http://terminology.hl7.org/CodeSystem/organization-type',
  documentReferenceCategory: 'http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category',
  /** The county council's own code system for child protection plan categories (there is no national one). */
  childProtectionCategory: 'https://fhir.county-council.example.gov.uk/CodeSystem/child-protection-category',
} as const;

/** The objection-to-sharing policy of the sandbox's shared care record. */
export const SHARED_CARE_RECORD_POLICY = 'https://sandbox.example.nhs.uk/policy/shared-care-record';
/** The national ReSPECT process (Resuscitation Council UK). */
export const RESPECT_POLICY = 'https://www.resus.org.uk/respect';
/** The NHS End of Life API's ReSPECT care priority extension (`respectPriorityScale`, `respectPriorityScaleStatement`). */
export const RESPECT_SCALE_EXTENSION = 'https://fhir.nhs.uk/STU3/StructureDefinition/Extension-EOL-ReSPECTScale-1';

const sct = (code: string, display: string): Coding => ({ system: SYS.snomed, code, display });
const loinc = (code: string, display: string): Coding => ({ system: SYS.loinc, code, display });

export const RESTRICTED: Coding = { system: SYS.v3Confidentiality, code: 'R', display: 'restricted' };

/** SNOMED CT: disorders, findings, events. */
export const SCT = {
  essentialHypertension: sct('59621000', 'Essential hypertension'),
  atrialFibrillation: sct('49436004', 'Atrial fibrillation'),
  heartFailure: sct('84114007', 'Heart failure'),
  alzheimers: sct('26929004', "Alzheimer's disease"),
  dementia: sct('52448006', 'Dementia'),
  ckdStage3: sct('433144002', 'Chronic kidney disease stage 3'),
  osteoarthritisKnee: sct('239873007', 'Osteoarthritis of knee'),
  fractureNeckOfFemur: sct('5913000', 'Fracture of neck of femur'),
  urinaryTractInfection: sct('68566005', 'Urinary tract infectious disease'),
  delirium: sct('2776000', 'Delirium'),
  asthma: sct('195967001', 'Asthma'),
  copd: sct('13645005', 'Chronic obstructive lung disease'),
  type1Diabetes: sct('46635009', 'Diabetes mellitus type 1'),
  type2Diabetes: sct('44054006', 'Diabetes mellitus type 2'),
  hypoglycaemia: sct('302866003', 'Hypoglycemia'),
  schizophrenia: sct('58214004', 'Schizophrenia'),
  depression: sct('35489007', 'Depressive disorder'),
  anxiety: sct('197480006', 'Anxiety disorder'),
  hypothyroidism: sct('40930008', 'Hypothyroidism'),
  osteoporosis: sct('64859006', 'Osteoporosis'),
  prostateCancer: sct('399068003', 'Malignant tumor of prostate'),
  headInjury: sct('82271004', 'Injury of head'),
  burn: sct('125666000', 'Burn'),
  fractureOfForearm: sct('65966004', 'Fracture of forearm'),
  fall: sct('1912002', 'Fall'),
  cataract: sct('193570009', 'Cataract'),
  pneumonia: sct('233604007', 'Pneumonia'),
  cellulitis: sct('128045006', 'Cellulitis'),
  gord: sct('235595009', 'Gastroesophageal reflux disease'),
  hyperlipidaemia: sct('55822004', 'Hyperlipidemia'),
  stroke: sct('230690007', 'Cerebrovascular accident'),
  myocardialInfarction: sct('22298006', 'Myocardial infarction'),
  migraine: sct('37796009', 'Migraine'),
  ironDeficiencyAnaemia: sct('87522002', 'Iron deficiency anemia'),
  chestPain: sct('29857009', 'Chest pain'),
  lowBackPain: sct('279039007', 'Low back pain'),
  appendicitis: sct('74400008', 'Appendicitis'),
  tonsillitis: sct('90176007', 'Tonsillitis'),
  cholelithiasis: sct('235919008', 'Cholelithiasis'),
  carpalTunnel: sct('57406009', 'Carpal tunnel syndrome'),
  allergicRhinitis: sct('61582004', 'Allergic rhinitis'),
  pressureUlcer: sct('399912005', 'Pressure ulcer'),
  livesInCareHome: sct('248171000000108', 'Lives in care home'),
  livesInResidentialHome: sct('394923006', 'Lives in a residential home'),
  // allergies
  penicillin: sct('764146007', 'Penicillin'),
  amoxicillin: sct('372687004', 'Amoxicillin'),
  latex: sct('111088007', 'Latex'),
  anaphylaxis: sct('39579001', 'Anaphylaxis'),
  skinEruption: sct('271807003', 'Eruption of skin'),
  urticaria: sct('126485001', 'Urticaria'),
  noKnownDrugAllergy: sct('409137002', 'No known drug allergy'),
  noKnownAllergy: sct('716186003', 'No known allergy'),
  // advance decisions, plans, documents
  notForCpr: sct('450476008', 'Not for attempted cardiopulmonary resuscitation'),
  respectForm: sct('1382601000000107', 'ReSPECT (Recommended Summary Plan for Emergency Care and Treatment) form'),
  endOfLifeCarePlan: sct('736373009', 'End of life care plan'),
  mentalHealthCrisisPlan: sct('736253002', 'Mental health crisis plan'),
  advanceCarePlan: sct('736366004', 'Advance care plan'),
  personalisedCareAndSupportPlan: sct('2181441000000107', 'Personalised care and support plan'),
  dischargeSummary: sct('373942005', 'Discharge summary'),
  // encounter types
  emergencyDepartmentVisit: sct('4525004', 'Emergency department patient visit'),
  hospitalAdmission: sct('32485007', 'Hospital admission'),
  consultation: sct('11429006', 'Consultation'),
  homeVisit: sct('439708006', 'Home visit'),
  // occupations (PractitionerRole.code, CareTeam roles)
  generalPractitioner: sct('62247001', 'General practitioner'),
  medicalDoctor: sct('112247003', 'Medical doctor'),
  registeredNurse: sct('224535009', 'Registered nurse'),
  clinicalNurseSpecialist: sct('224570006', 'Clinical nurse specialist'),
  socialWorker: sct('106328005', 'Social worker'),
  paramedic: sct('397897005', 'Paramedic'),
  // vital signs and other observables
  heartRate: sct('364075005', 'Heart rate'),
  respiratoryRate: sct('86290005', 'Respiratory rate'),
  oxygenSaturation: sct('431314004', 'Peripheral oxygen saturation'),
  bodyTemperature: sct('386725007', 'Body temperature'),
  bloodPressure: sct('75367002', 'Blood pressure'),
  systolic: sct('271649006', 'Systolic blood pressure'),
  diastolic: sct('271650006', 'Diastolic blood pressure'),
  bodyWeight: sct('27113001', 'Body weight'),
  bodyHeight: sct('50373000', 'Body height'),
  bmi: sct('60621009', 'Body mass index'),
  glasgowComaScore: sct('248241002', 'Glasgow coma score'),
  hba1c: sct(
    '999791000000106',
    'Haemoglobin A1c level - International Federation of Clinical Chemistry and Laboratory Medicine standardised',
  ),
  egfr: sct(
    '1011481000000105',
    'eGFR (estimated glomerular filtration rate) using creatinine Chronic Kidney Disease Epidemiology Collaboration equation per 1.73 square metres',
  ),
  serumCreatinine: sct('1000731000000107', 'Serum creatinine level'),
  // vaccine target diseases
  diphtheria: sct('397430003', 'Diphtheria caused by Corynebacterium diphtheriae'),
  tetanus: sct('76902006', 'Tetanus'),
  pertussis: sct('27836007', 'Pertussis'),
  poliomyelitis: sct('398102009', 'Acute poliomyelitis'),
  hib: sct('709410003', 'Haemophilus influenzae type b infection'),
  hepatitisB: sct('66071002', 'Viral hepatitis type B'),
  pneumococcal: sct('16814004', 'Pneumococcal infectious disease'),
  meningococcal: sct('23511006', 'Meningococcal infectious disease'),
  rotavirus: sct('18624000', 'Disease due to Rotavirus'),
  measles: sct('14189004', 'Measles'),
  mumps: sct('36989005', 'Mumps'),
  rubella: sct('36653000', 'Rubella'),
  influenza: sct('6142004', 'Influenza'),
} as const;

export const LOINC = {
  advanceDirective: loinc('75320-2', 'Advance directive'),
  patientConsent: loinc('59284-0', 'Patient Consent'),
  dischargeSummary: loinc('18842-5', 'Discharge summary'),
  consultNote: loinc('11488-4', 'Consult note'),
  progressNote: loinc('11506-3', 'Progress note'),
  hba1cIfcc: loinc('59261-8', 'Hemoglobin A1c/Hemoglobin.total in Blood by IFCC protocol'),
  glucoseCapillary: loinc('14743-9', 'Glucose [Moles/volume] in Capillary blood by Glucometer'),
  egfrCkdEpi: loinc(
    '62238-1',
    'Glomerular filtration rate/1.73 sq M.predicted [Volume Rate/Area] in Serum, Plasma or Blood by Creatinine-based formula (CKD-EPI)',
  ),
  creatinine: loinc('14682-9', 'Creatinine [Moles/volume] in Serum or Plasma'),
  haemoglobin: loinc('718-7', 'Hemoglobin [Mass/volume] in Blood'),
  whiteCells: loinc('6690-2', 'Leukocytes [#/volume] in Blood by Automated count'),
  platelets: loinc('777-3', 'Platelets [#/volume] in Blood by Automated count'),
  neutrophils: loinc('751-8', 'Neutrophils [#/volume] in Blood by Automated count'),
  sodium: loinc('2951-2', 'Sodium [Moles/volume] in Serum or Plasma'),
  potassium: loinc('2823-3', 'Potassium [Moles/volume] in Serum or Plasma'),
  cholesterol: loinc('14647-2', 'Cholesterol [Moles/volume] in Serum or Plasma'),
  tsh: loinc('3016-3', 'Thyrotropin [Units/volume] in Serum or Plasma'),
  crp: loinc('1988-5', 'C reactive protein [Mass/volume] in Serum or Plasma'),
  alt: loinc('1742-6', 'Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma'),
  heartRate: loinc('8867-4', 'Heart rate'),
  respiratoryRate: loinc('9279-1', 'Respiratory rate'),
  oxygenSaturation: loinc('59408-5', 'Oxygen saturation in Arterial blood by Pulse oximetry'),
  bodyTemperature: loinc('8310-5', 'Body temperature'),
  bloodPressurePanel: loinc('85354-9', 'Blood pressure panel with all children optional'),
  systolic: loinc('8480-6', 'Systolic blood pressure'),
  diastolic: loinc('8462-4', 'Diastolic blood pressure'),
  bodyWeight: loinc('29463-7', 'Body weight'),
  bodyHeight: loinc('8302-2', 'Body height'),
  bmi: loinc('39156-5', 'Body mass index (BMI) [Ratio]'),
  glasgowComaScore: loinc('9269-2', 'Glasgow coma score total'),
} as const;

/** dm+d units of presentation, as dm+d uses them (SNOMED CT ids). */
export const UNIT = {
  tablet: sct('428673006', 'tablet'),
  capsule: sct('428641000', 'capsule'),
  ampoule: sct('413516001', 'ampoule'),
  prefilledDisposableInjection: sct('3318611000001103', 'pre-filled disposable injection'),
  ml: sct('258773002', 'ml'),
} as const;

export const DOSE_FORM = {
  tablet: sct('385055001', 'Tablet'),
  capsule: sct('385049006', 'Capsule'),
  solutionForInjection: sct('385219001', 'Solution for injection'),
} as const;

export interface MedicineDef {
  /** The dm+d VMP name, exactly. */
  name: string;
  /** dm+d VMP id, where it could be checked. */
  vmp?: string;
  /** Usually a key of DOSE_FORM; any other form is written as it is. */
  form: string;
  ingredient: string;
  /** Strength per unit of presentation. */
  strength: { value: number; unit: string; per: keyof typeof UNIT | 'dose'; perValue?: number };
}

/** The medicines used in the sandbox, by dm+d VMP name. */
export const MEDICINES = {
  amlodipine5: {
    name: 'Amlodipine 5mg tablets',
    vmp: '39732011000001102',
    form: 'tablet',
    ingredient: 'Amlodipine',
    strength: { value: 5, unit: 'mg', per: 'tablet' },
  },
  amlodipine10: {
    name: 'Amlodipine 10mg tablets',
    vmp: '39731911000001109',
    form: 'tablet',
    ingredient: 'Amlodipine',
    strength: { value: 10, unit: 'mg', per: 'tablet' },
  },
  paracetamol500: {
    name: 'Paracetamol 500mg tablets',
    vmp: '322236009',
    form: 'tablet',
    ingredient: 'Paracetamol',
    strength: { value: 500, unit: 'mg', per: 'tablet' },
  },
  apixaban2_5: {
    name: 'Apixaban 2.5mg tablets',
    vmp: '42206411000001101',
    form: 'tablet',
    ingredient: 'Apixaban',
    strength: { value: 2.5, unit: 'mg', per: 'tablet' },
  },
  midazolamInjection: {
    name: 'Midazolam 10mg/2ml solution for injection ampoules',
    vmp: '36124911000001107',
    form: 'solutionForInjection',
    ingredient: 'Midazolam',
    strength: { value: 10, unit: 'mg', per: 'ml', perValue: 2 },
  },
  furosemide40: {
    name: 'Furosemide 40mg tablets',
    form: 'tablet',
    ingredient: 'Furosemide',
    strength: { value: 40, unit: 'mg', per: 'tablet' },
  },
  bisoprolol2_5: {
    name: 'Bisoprolol 2.5mg tablets',
    form: 'tablet',
    ingredient: 'Bisoprolol fumarate',
    strength: { value: 2.5, unit: 'mg', per: 'tablet' },
  },
  atorvastatin20: {
    name: 'Atorvastatin 20mg tablets',
    form: 'tablet',
    ingredient: 'Atorvastatin',
    strength: { value: 20, unit: 'mg', per: 'tablet' },
  },
  lansoprazole15: {
    name: 'Lansoprazole 15mg gastro-resistant capsules',
    form: 'Gastro-resistant capsule',
    ingredient: 'Lansoprazole',
    strength: { value: 15, unit: 'mg', per: 'capsule' },
  },
  donepezil5: {
    name: 'Donepezil 5mg tablets',
    form: 'tablet',
    ingredient: 'Donepezil hydrochloride',
    strength: { value: 5, unit: 'mg', per: 'tablet' },
  },
  ramipril2_5: {
    name: 'Ramipril 2.5mg capsules',
    form: 'capsule',
    ingredient: 'Ramipril',
    strength: { value: 2.5, unit: 'mg', per: 'capsule' },
  },
  amitriptyline10: {
    name: 'Amitriptyline 10mg tablets',
    form: 'tablet',
    ingredient: 'Amitriptyline hydrochloride',
    strength: { value: 10, unit: 'mg', per: 'tablet' },
  },
  morphineInjection: {
    name: 'Morphine sulfate 10mg/1ml solution for injection ampoules',
    form: 'solutionForInjection',
    ingredient: 'Morphine sulfate',
    strength: { value: 10, unit: 'mg', per: 'ml' },
  },
  levomepromazineInjection: {
    name: 'Levomepromazine 25mg/1ml solution for injection ampoules',
    form: 'solutionForInjection',
    ingredient: 'Levomepromazine hydrochloride',
    strength: { value: 25, unit: 'mg', per: 'ml' },
  },
  hyoscineButylbromideInjection: {
    name: 'Hyoscine butylbromide 20mg/1ml solution for injection ampoules',
    form: 'solutionForInjection',
    ingredient: 'Hyoscine butylbromide',
    strength: { value: 20, unit: 'mg', per: 'ml' },
  },
  insulinGlargine: {
    name: 'Insulin glargine 100units/ml solution for injection 3ml pre-filled disposable devices',
    form: 'solutionForInjection',
    ingredient: 'Insulin glargine',
    strength: { value: 100, unit: 'unit', per: 'ml' },
  },
  insulinAspart: {
    name: 'Insulin aspart 100units/ml solution for injection 3ml pre-filled disposable devices',
    form: 'solutionForInjection',
    ingredient: 'Insulin aspart',
    strength: { value: 100, unit: 'unit', per: 'ml' },
  },
  clozapine100: {
    name: 'Clozapine 100mg tablets',
    form: 'tablet',
    ingredient: 'Clozapine',
    strength: { value: 100, unit: 'mg', per: 'tablet' },
  },
  salbutamolInhaler: {
    name: 'Salbutamol 100micrograms/dose inhaler CFC free',
    form: 'Pressurised inhalation',
    ingredient: 'Salbutamol',
    strength: { value: 100, unit: 'microgram', per: 'dose' },
  },
  senna7_5: { name: 'Senna 7.5mg tablets', form: 'tablet', ingredient: 'Sennosides', strength: { value: 7.5, unit: 'mg', per: 'tablet' } },
  omeprazole20: {
    name: 'Omeprazole 20mg gastro-resistant capsules',
    form: 'Gastro-resistant capsule',
    ingredient: 'Omeprazole',
    strength: { value: 20, unit: 'mg', per: 'capsule' },
  },
  metformin500: {
    name: 'Metformin 500mg tablets',
    form: 'tablet',
    ingredient: 'Metformin hydrochloride',
    strength: { value: 500, unit: 'mg', per: 'tablet' },
  },
  levothyroxine100: {
    name: 'Levothyroxine sodium 100microgram tablets',
    form: 'tablet',
    ingredient: 'Levothyroxine sodium',
    strength: { value: 100, unit: 'microgram', per: 'tablet' },
  },
  alendronicAcid70: {
    name: 'Alendronic acid 70mg tablets',
    form: 'tablet',
    ingredient: 'Alendronic acid',
    strength: { value: 70, unit: 'mg', per: 'tablet' },
  },
  sertraline50: {
    name: 'Sertraline 50mg tablets',
    form: 'tablet',
    ingredient: 'Sertraline',
    strength: { value: 50, unit: 'mg', per: 'tablet' },
  },
  tamsulosin400: {
    name: 'Tamsulosin 400microgram modified-release capsules',
    form: 'Modified-release capsule',
    ingredient: 'Tamsulosin hydrochloride',
    strength: { value: 400, unit: 'microgram', per: 'capsule' },
  },
  amoxicillin500: {
    name: 'Amoxicillin 500mg capsules',
    form: 'capsule',
    ingredient: 'Amoxicillin',
    strength: { value: 500, unit: 'mg', per: 'capsule' },
  },
  ibuprofen400: {
    name: 'Ibuprofen 400mg tablets',
    form: 'tablet',
    ingredient: 'Ibuprofen',
    strength: { value: 400, unit: 'mg', per: 'tablet' },
  },
  lisinopril10: {
    name: 'Lisinopril 10mg tablets',
    form: 'tablet',
    ingredient: 'Lisinopril',
    strength: { value: 10, unit: 'mg', per: 'tablet' },
  },
  simvastatin20: {
    name: 'Simvastatin 20mg tablets',
    form: 'tablet',
    ingredient: 'Simvastatin',
    strength: { value: 20, unit: 'mg', per: 'tablet' },
  },
  nintedanib150: {
    name: 'Nintedanib 150mg capsules',
    form: 'capsule',
    ingredient: 'Nintedanib',
    strength: { value: 150, unit: 'mg', per: 'capsule' },
  },
} as const satisfies Record<string, MedicineDef>;

export type MedicineKey = keyof typeof MEDICINES;
