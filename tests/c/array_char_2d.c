#include <stdio.h>
#include <string.h>

int main(void) {
    char names[5][10] = {"delta", "alpha", "echo", "charlie", "bravo"};
    for (int i = 0; i < 5; i++)
        for (int j = i + 1; j < 5; j++)
            if (strcmp(names[i], names[j]) > 0) {
                char tmp[10];
                strcpy(tmp, names[i]);
                strcpy(names[i], names[j]);
                strcpy(names[j], tmp);
            }
    for (int i = 0; i < 5; i++)
        printf("%s\n", names[i]);
    char board[3][4];
    for (int r = 0; r < 3; r++) {
        for (int c = 0; c < 3; c++)
            board[r][c] = (r + c) % 2 ? 'X' : 'O';
        board[r][3] = '\0';
    }
    for (int r = 0; r < 3; r++)
        puts(board[r]);
    printf("%lu\n", strlen(names[2]));
    return 0;
}
