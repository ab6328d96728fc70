/* tokenizer.c - the "tokenizer" module of the wordfreq example.
 *
 * Author A.  Splits a text into words, in place.
 *
 * A word is a maximal run of ASCII letters [A-Za-z]; an apostrophe joins two
 * letters into one word ("don't", "o'clock") but is never a word's first or
 * last byte ("'tis" is "tis", "dogs'" is "dogs").  Every other byte (digits,
 * punctuation, white space, bytes >= 0x80) separates words.
 *
 * tokenize lowercases the letters of each word it records IN PLACE in text
 * (the shared input buffer: nothing is copied) and records word k, for
 * k = 0, 1, ... in text order, as the pair toks[2k] = its start offset,
 * toks[2k+1] = its length in bytes (>= 1).  It stops after max words: text
 * after the last recorded word is left as it was.  It returns the number of
 * words recorded.
 *
 * (Pairs in one array rather than two arrays starts/lens: Certa's exported
 * and imported functions take at most six parameters, and count_words needs
 * the tokens in one parameter to stay within six.)
 */

/*@ requires 0 <= n <= 1000000000;
    requires 0 <= max <= 100000000;
    requires \valid(text + (0..n-1));
    requires \valid(toks + (0..2*max-1));
    ensures 0 <= \result <= max;
*/
long tokenize(char *text, long n, long *toks, long max)
{
    long i = 0;
    long k = 0;
    long s;
    char c;
    char d;

    /*@ loop invariant 0 <= i <= n;
        loop invariant 0 <= k <= max;
    */
    while (i < n && k < max) {
        c = text[i];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            s = i;
            /*@ loop invariant s <= i <= n;
                loop invariant 0 <= s;
            */
            while (i < n) {
                c = text[i];
                if (c >= 'a' && c <= 'z') {
                    i++;
                } else if (c >= 'A' && c <= 'Z') {
                    text[i] = (char)(c + ('a' - 'A'));
                    i++;
                } else if (c == '\'' && i + 1 < n) {
                    /* inside the word only when a letter follows */
                    d = text[i + 1];
                    if ((d >= 'a' && d <= 'z') || (d >= 'A' && d <= 'Z'))
                        i++;
                    else
                        break;
                } else {
                    break;
                }
            }
            toks[2 * k] = s;
            toks[2 * k + 1] = i - s;
            k++;
        } else {
            i++;
        }
    }
    return k;
}
