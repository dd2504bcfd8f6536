// The header names of a table of turns, shared by CSV column guessing and HTML tables of turns.
// English and German first, then the words Spanish, Portuguese, French, Persian and Arabic exports use.
export const SPEAKER_HEADER =
  /^(?:speaker|name|participant|person|who|sprecher(?:in)?|teilnehmer(?:in)?|role|hablante|orador(?:a)?|participante|falante|locuteur|locutrice|intervenant|nom|nombre|nome|گوینده|سخنران|نام|المتحدث|الاسم)$/i;
export const TEXT_HEADER =
  /^(?:text|utterance|content|speech|transcript|answer|response|comment|quote|turn|texto|texte|transcripción|transcrição|transcription|respuesta|resposta|réponse|متن|پاسخ|النص)$/i;
export const TIME_HEADER = /^(?:time|timestamp|start|start time|time ?code|zeit)$/i;
export const TAG_HEADER = /^(?:tags?|codes?|codings?|labels?|categor(?:y|ies)|themes?|kodes?|codierung(?:en)?|schlagw(?:ö|oe)rter|etiquetas?|códigos?|étiquettes?|برچسب(?:‌ها)?)$/i;

/** A row that names columns (`Speaker | Text`), not one that holds a turn. */
export function isTurnsHeader(cells: readonly string[]): boolean {
  return cells.length >= 2 && cells.every((c) => [SPEAKER_HEADER, TEXT_HEADER, TIME_HEADER].some((re) => re.test(c.trim())));
}
