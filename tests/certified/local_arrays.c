/* Local arrays live in frame areas; a bubble sort over one. */
int main(void) {
    int a[32];
    unsigned seed = 12345u;
    for (int i = 0; i < 32; i++) { seed = seed * 1103515245u + 12345u; a[i] = (int)(seed >> 16) % 1000; }
    for (int i = 0; i < 32; i++)
        for (int j = 0; j + 1 < 32 - i; j++)
            if (a[j] > a[j + 1]) { int t = a[j]; a[j] = a[j + 1]; a[j + 1] = t; }
    int sorted = 1;
    for (int i = 0; i + 1 < 32; i++) if (a[i] > a[i + 1]) sorted = 0;
    return sorted * 100 + a[0] % 50;
}
