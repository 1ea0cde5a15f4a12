import { africaMiddleEast } from './africa-middle-east';
import { asiaPacific } from './asia-pacific';
import { britain } from './britain';
import { contactPages } from './contact-pages';
import type { CorpusCase, DecoyCase, TrueCase } from './corpus-case';
import { dach } from './dach';
import { decoyAmounts } from './decoys-amounts';
import { decoyDates } from './decoys-dates';
import { decoyFinancial } from './decoys-financial';
import { decoyIdentifiers } from './decoys-identifiers';
import { decoyLabelled } from './decoys-labelled';
import { decoyPaperwork } from './decoys-paperwork';
import { decoyTechnical } from './decoys-technical';
import { franceBenelux } from './france-benelux';
import { international } from './international';
import { latinAmerica } from './latin-america';
import { nordicEastern } from './nordic-eastern';
import { northAmerica } from './north-america';
import { southernEurope } from './southern-europe';
import { typography } from './typography';

export type { CorpusCase, DecoyCase, DecoyKind, ExpectedMatch, TrueCase } from './corpus-case';

export const trueCases: TrueCase[] = [
  ...northAmerica,
  ...britain,
  ...dach,
  ...franceBenelux,
  ...southernEurope,
  ...nordicEastern,
  ...latinAmerica,
  ...asiaPacific,
  ...africaMiddleEast,
  ...international,
  ...typography,
  ...contactPages,
];

export const decoyCases: DecoyCase[] = [
  ...decoyDates,
  ...decoyAmounts,
  ...decoyTechnical,
  ...decoyFinancial,
  ...decoyIdentifiers,
  ...decoyLabelled,
  ...decoyPaperwork,
];

export const corpus: CorpusCase[] = [...trueCases, ...decoyCases];
