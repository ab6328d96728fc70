#include <stdio.h>

int gi = 42;
long gl = -5000000000L;
unsigned gu = 4000000000u;
char gc = 'g';
short gs = -1234;
unsigned char guc = 255;
unsigned long long gull = 0xDEADBEEFCAFEF00Dull;
_Bool gb = 1;
int zero_init;
static int file_local = 7;

static void mutate(void) {
    gi++;
    gl *= 2;
    gu += 1000000000u;
    gc = (char)(gc - 32);
    gs = (short)(gs * 10);
    guc++;
    gull >>= 4;
    gb = !gb;
    zero_init += 5;
    file_local *= file_local;
}

int main(void) {
    printf("%d %ld %u %c %d %d %llu %d %d %d\n", gi, gl, gu, gc, gs, guc, gull, gb, zero_init, file_local);
    mutate();
    printf("%d %ld %u %c %d %d %llu %d %d %d\n", gi, gl, gu, gc, gs, guc, gull, gb, zero_init, file_local);
    mutate();
    printf("%d %ld %u %d %d %d\n", gi, gl, gu, gs, zero_init, file_local);
    return 0;
}
