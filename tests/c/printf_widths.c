#include <stdio.h>

int main(void) {
    printf("[%5d]\n", 42);
    printf("[%-5d]\n", 42);
    printf("[%05d]\n", 42);
    printf("[%5d]\n", -42);
    printf("[%-5d]\n", -42);
    printf("[%05d]\n", -42);
    printf("[%1d]\n", 12345);
    printf("[%3d]\n", 123456);
    printf("[%10u]\n", 4000000000u);
    printf("[%-12ld]\n", -5000000000L);
    printf("[%020lu]\n", 18446744073709551615UL);
    printf("[%8s]\n", "abc");
    printf("[%-8s]\n", "abc");
    printf("[%2s]\n", "toolong");
    printf("[%3c]\n", 'x');
    printf("[%-3c]\n", 'y');
    printf("[%08x]\n", 0xBEEF);
    printf("[%-8X]\n", 0xBEEF);
    printf("[%6i]\n", -7);
    for (int i = 1; i <= 100000; i *= 10)
        printf("|%6d|%-6d|%06d|\n", i, i, i);
    printf("[%5lld][%-20llu]\n", -1LL, 12345ULL);
    printf("[%05u]\n", 7u);
    printf("[%-05d]\n", 3);
    return 0;
}
