#include <stdio.h>

static int dense(int x) {
    switch (x) {
    case 0: return 11;
    case 1: return 22;
    case 2: return 33;
    case 3: return 44;
    case 4: return 55;
    case 5: return 66;
    case 6: return 77;
    case 7: return 88;
    case 8: return 99;
    case 9: return 110;
    case 10: return 121;
    case 11: return 132;
    case 12: return 143;
    case 13: return 154;
    case 14: return 165;
    case 15: return 176;
    default: return -1;
    }
}

int main(void) {
    long s = 0;
    for (int i = -3; i < 20; i++) {
        printf("%d ", dense(i));
        s += dense(i);
    }
    printf("\n%ld\n", s);
    unsigned u = 4000000000u;
    printf("%d\n", dense((int)(u % 16)));
    return 0;
}
