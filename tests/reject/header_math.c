// expect: 3: header <math.h> is not available
#include <stdio.h>
#include <math.h>

int main(void) {
    printf("hi\n");
    return 0;
}
