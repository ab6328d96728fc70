#include <stdio.h>

#define QCAP 8

struct ring { int buf[QCAP]; int head; int count; };

static int put(struct ring *q, int v) {
    if (q->count == QCAP)
        return 0;
    q->buf[(q->head + q->count) % QCAP] = v;
    q->count++;
    return 1;
}

static int take(struct ring *q, int *v) {
    if (q->count == 0)
        return 0;
    *v = q->buf[q->head];
    q->head = (q->head + 1) % QCAP;
    q->count--;
    return 1;
}

int main(void) {
    struct ring q = {{0}, 0, 0};
    int dropped = 0, v;
    for (int i = 0; i < 12; i++)
        if (!put(&q, i))
            dropped++;
    printf("count=%d dropped=%d\n", q.count, dropped);
    for (int i = 0; i < 5; i++) {
        take(&q, &v);
        printf("%d ", v);
    }
    printf("\n");
    for (int i = 100; i < 104; i++)
        put(&q, i);
    while (take(&q, &v))
        printf("%d ", v);
    printf("\nhead=%d\n", q.head);
    int grid[6][6] = {
        {0, 0, 1, 0, 0, 0},
        {1, 0, 1, 0, 1, 0},
        {0, 0, 0, 0, 1, 0},
        {0, 1, 1, 1, 1, 0},
        {0, 0, 0, 0, 1, 0},
        {1, 1, 1, 0, 0, 0},
    };
    int dist[36];
    for (int i = 0; i < 36; i++)
        dist[i] = -1;
    int queue[36], qh = 0, qt = 0;
    queue[qt++] = 0;
    dist[0] = 0;
    int dr[4] = {1, -1, 0, 0}, dc[4] = {0, 0, 1, -1};
    while (qh < qt) {
        int cur = queue[qh++];
        int r = cur / 6, c = cur % 6;
        for (int k = 0; k < 4; k++) {
            int nr = r + dr[k], nc = c + dc[k];
            if (nr < 0 || nr >= 6 || nc < 0 || nc >= 6 || grid[nr][nc])
                continue;
            if (dist[nr * 6 + nc] >= 0)
                continue;
            dist[nr * 6 + nc] = dist[cur] + 1;
            queue[qt++] = nr * 6 + nc;
        }
    }
    printf("bfs dist to corner=%d visited=%d\n", dist[35], qt);
    return 0;
}
