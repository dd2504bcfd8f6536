import { describe, expect, it } from 'vitest';
import { curlQuotes, detectLanguage, quoted } from '../../../shared/domain/languages';

describe('quotation marks per language', () => {
  it('wrap a quotation in the language’s marks, straight marks inside it as the nested ones', () => {
    expect(quoted(`She said "go" and it's 'fine'`, 'en-GB')).toBe('“She said ‘go’ and it’s ‘fine’”');
    expect(quoted(`Il a dit "oui" à l'homme`, 'fr-FR')).toBe('«\u00A0Il a dit “oui” à l’homme\u00A0»');
    expect(quoted(`Er sagte "ja"`, 'de-DE')).toBe('„Er sagte ‚ja‘“');
    expect(quoted('Vi gick', 'sv-SE')).toBe('”Vi gick”');
  });

  it('set straight marks in printed text as the language’s primary marks and apostrophes as ’', () => {
    expect(curlQuotes(`the "safe harbour" isn't (ours)`, 'en-GB')).toBe('the “safe harbour” isn’t (ours)');
    expect(curlQuotes(`le "havre"`, 'fr-FR')).toBe('le «\u00A0havre\u00A0»');
    expect(curlQuotes('no marks', 'de-DE')).toBe('no marks');
  });
});

describe('the transcripts’ language', () => {
  it('is the one whose common words they use most; too little text tells nothing', () => {
    expect(detectLanguage('Je ne sais pas, le groupe était vraiment utile et je pense que les mentors sont là pour nous aider dans la vie de tous les jours, et pas seulement')).toBe('fr-FR');
    expect(detectLanguage('Ich weiß nicht, die Gruppe war wirklich hilfreich und ich denke, dass die Mentoren für uns da sind, und das ist nicht nur im Studium so, sie sind auch sonst da')).toBe('de-DE');
    expect(detectLanguage('I think the group was really helpful and that the mentors were there for us, and it was not only about the exams, it was about the whole of the first year')).toBe('en-GB');
    expect(detectLanguage('Too short to tell')).toBeNull();
  });
});
