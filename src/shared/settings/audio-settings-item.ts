import { storage } from 'wxt/utils/storage';
import { defaultAudioSettings, type AudioSettings } from './audio-settings';

/** Not secret: the options page writes it, the coordinator passes it to the softphone (whose
 * offscreen document has no storage API, hence this separate module). */
export const audioSettings = storage.defineItem<AudioSettings>('local:audioSettings', { fallback: defaultAudioSettings });
