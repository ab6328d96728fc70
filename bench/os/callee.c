/* callee.c - module B of the cross-module call benchmark (bench/os.py): exports add1,
 * which module A (caller.c) imports. The contract is scalar only. */

/*@ requires 0 <= x <= 1000000000000;
    ensures \result == x + 1;
*/
long add1(long x)
{
    return x + 1;
}
