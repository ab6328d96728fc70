#include <stdio.h>

enum status { OK = 0, WARN = 10, ERR = 20, FATAL = ERR + 5, AFTER };
enum flags { F_READ = 1 << 0, F_WRITE = 1 << 1, F_EXEC = 1 << 2, F_ALL = F_READ | F_WRITE | F_EXEC };
enum neg { MINUS = -3, ZERO_ISH, ONE_ISH, BIG = 100000 };
enum { ANON_A = 'A', ANON_B };

int main(void) {
    printf("%d %d %d %d %d\n", OK, WARN, ERR, FATAL, AFTER);
    printf("%d %d %d %d\n", F_READ, F_WRITE, F_EXEC, F_ALL);
    printf("%d %d %d %d\n", MINUS, ZERO_ISH, ONE_ISH, BIG);
    printf("%c %c\n", ANON_A, ANON_B);
    int perms = F_READ | F_EXEC;
    printf("%d %d\n", (perms & F_WRITE) != 0, (perms & F_EXEC) != 0);
    enum status s = FATAL;
    printf("%d\n", s > ERR);
    int arr[AFTER + 1];
    arr[AFTER] = 7;
    printf("%lu %d\n", sizeof arr / sizeof arr[0], arr[AFTER]);
    return 0;
}
