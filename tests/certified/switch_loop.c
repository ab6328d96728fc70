/* A state machine: switch inside a do-while, with break and continue. */
int main(void) {
    int state = 0, steps = 0, acc = 0;
    do {
        steps++;
        switch (state) {
        case 0: acc += 3; state = 2; break;
        case 1: acc -= 1; state = 3; continue;
        case 2: acc *= 2; state = 1; break;
        default: acc += 100; state = 4; break;
        }
    } while (state != 4 && steps < 50);
    return acc + steps;
}
