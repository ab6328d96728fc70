/* Arrays on the heap: malloc'd blocks get their bounds from the block header. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int *squares(int n)
{
    int *a = malloc(sizeof(int) * n);
    if (a == NULL)
        return NULL;
    for (int i = 0; i < n; i++)
        a[i] = i * i;
    return a;
}

int main(void)
{
    int *a = squares(20);
    char *s = malloc(16);
    long total = 0;
    if (a == NULL || s == NULL)
        return 1;
    for (int i = 0; i < 20; i++)
        total += a[i];
    memset(s, 'x', 15);
    s[15] = '\0';
    printf("%ld %s %d\n", total, s, (int)strlen(s));
    free(a);
    free(s);
    return (int)(total % 97);
}
