#include <stdio.h>

struct account {
    int id;
    long balance;
    char code;
    unsigned short flags;
};

int main(void) {
    struct account a;
    a.id = 17;
    a.balance = -5000000000L;
    a.code = 'Q';
    a.flags = 0xBEEF;
    printf("%d %ld %c %x\n", a.id, a.balance, a.code, a.flags);
    a.balance += 6000000000L;
    a.flags >>= 4;
    printf("%ld %x\n", a.balance, a.flags);
    struct account b;
    b.id = a.id + 1;
    b.balance = a.balance * 2;
    b.code = (char)(a.code + 1);
    b.flags = 0;
    printf("%d %ld %c %d\n", b.id, b.balance, b.code, b.flags);
    struct account *p = &b;
    p->flags |= 3;
    printf("%d\n", b.flags);
    return 0;
}
