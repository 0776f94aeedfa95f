#!/usr/bin/env python3
"""Checks that cppvenv was linked with its function order.

    check_function_order.py CPPVENV ORDER-FILE

ORDER-FILE (scripts/cmake/function_order.txt, written by scripts/order-functions)
names the functions everyday commands run; lld puts them side by side at the
start of the code, so the code a create runs is read in a few page faults
rather than ~49. Fails when the named functions lie spread over the binary
(the order was not applied), or when fewer than 80% of the names are still in
it (the file is too old: run scripts/order-functions). An empty ORDER-FILE
argument means the build found no lld: skipped.
"""
import subprocess
import sys

SPREAD_ALLOWED = 1.25  # the span of the functions against the sum of their sizes
PRESENT_REQUIRED = 0.8


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: check_function_order.py CPPVENV ORDER-FILE")
    binary, order_file = sys.argv[1], sys.argv[2]
    if not order_file:
        print("SKIPPED: cppvenv was linked without lld, so without its function order")
        return 77
    names = [line.strip() for line in open(order_file)
             if line.strip() and not line.startswith("#")]
    listing = subprocess.run(["nm", "--defined-only", "-S", binary], capture_output=True,
                             text=True, check=True).stdout
    functions = {}
    for fields in (line.split() for line in listing.splitlines()):
        if len(fields) == 4 and fields[2] in {"t", "T", "w", "W"}:
            functions[fields[3]] = (int(fields[0], 16), int(fields[1], 16))
    if not functions:
        print(f"FAIL: {binary} has no symbol table (stripped?): the order cannot be checked")
        return 1
    present = [functions[name] for name in names if name in functions]
    share = len(present) / len(names) if names else 0.0
    if share < PRESENT_REQUIRED:
        print(f"FAIL: only {len(present)} of the {len(names)} functions in {order_file} are "
              f"in {binary} ({share:.0%}; at least {PRESENT_REQUIRED:.0%} wanted): the file "
              "is older than the code, run scripts/order-functions")
        return 1
    start = min(address for address, _ in present)
    end = max(address + size for address, size in present)
    total = sum(size for _, size in set(present))  # an alias shares its function's bytes
    print(f"{len(present)} of the {len(names)} functions in the order are in cppvenv, "
          f"within {(end - start) // 1024} KB (their sizes add up to {total // 1024} KB)")
    if end - start > SPREAD_ALLOWED * total:
        print(f"FAIL: the functions in {order_file} are spread over {(end - start) // 1024} KB "
              f"of {binary}, more than {SPREAD_ALLOWED}x their {total // 1024} KB: the linker "
              "did not apply the order")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
