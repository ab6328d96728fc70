/* crc32: table-driven CRC-32 (IEEE 802.3, reflected) over a 64 KiB buffer
 * (ACSL-annotated copy of bench/kernels/crc32.c: same computation, same checksum).
 * bench(n): builds the table and the buffer, then n rounds each changes one
 * byte and checksums the whole buffer. */
#include <stdio.h>
#include <stdint.h>

#define BUF 65536
#define DEFAULT_N 500

uint32_t crc_table[256];
unsigned char buffer[BUF];

void make_table(void)
{
    uint32_t c;
    int i;
    int k;

    for (i = 0; i < 256; i++) {
        c = (uint32_t)i;
        for (k = 0; k < 8; k++) {
            if ((c & 1u) != 0)
                c = 0xEDB88320u ^ (c >> 1);
            else
                c = c >> 1;
        }
        crc_table[i] = c;
    }
}

/*@ requires len >= 0;
    requires \valid_read(buf + (0..len-1));
*/
uint32_t crc32(const unsigned char *buf, long len)
{
    uint32_t c;
    long i;

    c = 0xFFFFFFFFu;
    /*@ loop invariant 0 <= i <= len; */
    for (i = 0; i < len; i++)
        c = crc_table[(c ^ buf[i]) & 255u] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

/* round * 7919 must not wrap for the index to be in the buffer */
/*@ requires n <= 1000000000000; */
long bench(long n)
{
    uint32_t seed;
    long round;
    long i;
    long h;

    make_table();
    seed = 99u;
    for (i = 0; i < BUF; i++) {
        seed = seed * 1664525u + 1013904223u;
        buffer[i] = (unsigned char)(seed >> 24);
    }
    h = 0;
    /*@ loop invariant 0 <= round;
        loop invariant round <= 1000000000000; */
    for (round = 0; round < n; round++) {
        buffer[(round * 7919) % BUF] = (unsigned char)round;
        h = (h * 31 + (long)crc32(buffer, BUF)) % 4294967311L;
    }
    return h;
}

int main(void)
{
    printf("%ld\n", bench(DEFAULT_N));
    return 0;
}
