#include <stdio.h>

int g = 10;
int *p = &g;
int arr[5] = {1, 2, 3, 4, 5};
int *mid = &arr[2];
int *past = arr + 4;
long lg = 77;
long *lp = &lg;
int **pp = &p;
struct pt { int x, y; };
struct pt origin = {3, 4};
struct pt *op = &origin;
int *ptr_table[3] = {&g, &arr[0], &arr[4]};

int main(void) {
    printf("%d %d\n", *p, **pp);
    *p = 20;
    printf("%d\n", g);
    printf("%d %d %d\n", *mid, mid[1], mid[-2]);
    printf("%d\n", *past);
    *lp += 1;
    printf("%ld\n", lg);
    printf("%d %d\n", op->x, op->y);
    op->x = 30;
    printf("%d\n", origin.x);
    for (int i = 0; i < 3; i++)
        printf("%d ", *ptr_table[i]);
    printf("\n");
    p = &arr[1];
    printf("%d %d\n", *p, **pp);
    return 0;
}
