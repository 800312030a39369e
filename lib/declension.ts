// City names in a Russian sentence: «представителю города Якутска». The declension is lvovich's
// (a maintained library with rules for Russian city names); it is used only for the cities of
// Russia and Belarus in the built-in list, and not for the names it was checked to get wrong,
// where the plain name stays («города Электросталь»), as official Russian writing allows.
import { cityFrom } from 'lvovich';
import { findPlace } from './gazetteer';

/**
 * Every city of Russia and Belarus in the built-in list was declined and read: lvovich gets these
 * wrong (Электросталя for Электростали, Химков for Химок, Нарьяна-Мара for Нарьян-Мара).
 */
const WRONG = new Set([
  'Электросталь',
  'Химки',
  'Люберцы',
  'Череповец',
  'Елец',
  'Шахты',
  'Мозырь',
  'Великие Луки',
  'Клинцы',
  'Полевской',
  'Россошь',
  'Лобня',
  'Шуя',
  'Апатиты',
  'Верхняя Пышма',
  'Лиски',
  'Лесной',
  'Кириши',
  'Чусовой',
  'Нарьян-Мар',
  'Анадырь',
  'Туймазы',
  'Усолье-Сибирское',
]);

/** «Якутска» from «Якутск»; the name itself for guests, foreign or unknown places and lvovich's misses. */
export function cityGenitive(name: string): string {
  const match = findPlace(name);
  if (match.kind !== 'found' || match.alias) return name;
  const { place } = match;
  if ((place.country !== 'RU' && place.country !== 'BY') || WRONG.has(place.nameRu) || place.nameRu !== name) return name;
  return cityFrom(name);
}

/** «города Якутска»: a city named in the genitive, as in «представителю города Якутска». */
export const ofCity = (name: string) => `города ${cityGenitive(name)}`;
