#include <stdio.h>

struct cfg { int width; int height; char mode; long limit; int opts[4]; };

static struct cfg global_cfg = {.mode = 'g', .limit = 77, .opts = {[2] = 5}};

int main(void) {
    struct cfg a = {.height = 20, .width = 10};
    printf("%d %d %d %ld\n", a.width, a.height, a.mode, a.limit);
    struct cfg b = {.limit = 1L << 40, .opts = {1, 2}, .mode = 'x'};
    printf("%d %c %ld %d %d %d\n", b.width, b.mode, b.limit, b.opts[0], b.opts[1], b.opts[3]);
    struct cfg c = {.opts[3] = 9, .width = 1};
    printf("%d %d %d\n", c.width, c.opts[3], c.opts[0]);
    printf("%c %ld %d %d\n", global_cfg.mode, global_cfg.limit, global_cfg.opts[2], global_cfg.width);
    struct cfg arr[2] = {[1] = {.width = 5}, [0].height = 3};
    printf("%d %d %d %d\n", arr[0].width, arr[0].height, arr[1].width, arr[1].height);
    return 0;
}
