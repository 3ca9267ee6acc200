/* What an officer types, folded as helpers.parse.text.fold folds names and titles: accents
   off, lower case, hyphens and punctuation as spaces ("Montréal" → "montreal"). */
function fold(text) {
  "use strict";
  return String(text)
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[\u2018\u2019]/g, "'")
    .toLowerCase()
    .replace(/-/g, " ")
    .replace(/&/g, " and ")
    .replace(/[^\p{L}\p{N}_()' ]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}
