// Sections of the programme page, in order. Each gets the programme and its own <section>.
import type { StudioContext } from '../router.js';
import type { StudioProgramme } from '../types.js';
import { availabilitySection } from './availability.js';
import { localizationsSection } from './localizations.js';
import { publicationSection } from './publication.js';
import { sourceSection } from './source.js';
import { tracksSection } from './tracks.js';

export interface SectionContext extends StudioContext {
  programme: StudioProgramme;
  el: HTMLElement;
  /** Fresh copy of the programme from the server. */
  reload(): Promise<StudioProgramme>;
}

export interface ProgrammeSection {
  id: string;
  /** In the editor's language. */
  title(): string;
  permission?: string;
  render(ctx: SectionContext): void;
}

export const SECTIONS: readonly ProgrammeSection[] = [sourceSection, tracksSection, localizationsSection, availabilitySection, publicationSection];
