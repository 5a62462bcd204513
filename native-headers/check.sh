#!/usr/bin/env bash
# native-headers/check.sh: proves the raw mapping against the Windows SDK headers (mingw-w64).
#  1. include/winsock4j_mapping.h redeclares every bound prototype after <winsock2.h>/<ws2tcpip.h>:
#     a prototype that differs from the SDK is a compile error.
#  2. target/generated/winsock4j_checks.c (written by StaticAssertGenerator during the Maven build)
#     asserts every constant, WSA error number, structure size/offset and parameter of the Java
#     mapping against the same headers.
#  3. Self-test: a copy with one constant and one prototype deliberately wrong must fail to
#     compile, so the check cannot pass vacuously.
# Usage: native-headers/check.sh   (after `mvn -pl native-headers -am process-classes` or verify)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cc=${MINGW_CC:-x86_64-w64-mingw32-gcc}
command -v "$cc" >/dev/null || { echo "check.sh: $cc not found (lab/provision.sh installs it)" >&2; exit 1; }
gen=$here/target/generated/winsock4j_checks.c
[[ -f $gen ]] || { echo "check.sh: $gen missing; run the Maven build first" >&2; exit 1; }
flags=(-std=c11 -Wall -Wextra -Werror -I"$here/include" -c -o /dev/null)

"$cc" "${flags[@]}" "$gen"
count=$(grep -c '^_Static_assert' "$gen")
echo "native-headers: $count static asserts and $(grep -c '^WINSOCK_API_LINKAGE\|^WINBASEAPI\|^W4J_IPHLPAPI w4j' "$here/include/winsock4j_mapping.h") prototypes compiled against the SDK headers ($("$cc" -dumpversion) $cc): OK"
grep '^/\* org' "$gen" | sed 's#^/\* #native-headers:   covers #; s# \*/$##'; echo

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/include"
sed "s/_Static_assert((int)(SO_LINGER) == 128,/_Static_assert((int)(SO_LINGER) == 129,/" "$gen" > "$scratch/bad_constant.c"
sed 's/W4J_P(closesocket, 0, SOCKET)/W4J_P(closesocket, 0, int)/' "$here/include/winsock4j_mapping.h" > "$scratch/include/winsock4j_mapping.h"
cp "$gen" "$scratch/bad_prototype.c"
if "$cc" "${flags[@]}" "$scratch/bad_constant.c" 2>/dev/null; then
  echo "check.sh: self-test FAILED: a wrong SO_LINGER compiled" >&2; exit 1
fi
if "$cc" -std=c11 -Wall -Wextra -Werror -I"$scratch/include" -c -o /dev/null "$scratch/bad_prototype.c" 2>/dev/null; then
  echo "check.sh: self-test FAILED: closesocket(int) compiled" >&2; exit 1
fi
# The same for the IP Helper part: a wrong SetTcpEntry row type, a wrong MIB_TCP_STATE_DELETE_TCB.
sed 's/W4J_P(SetTcpEntry, 0, PMIB_TCPROW)/W4J_P(SetTcpEntry, 0, PMIB_TCPROW_OWNER_PID)/' "$here/include/winsock4j_mapping.h" > "$scratch/include/winsock4j_mapping.h"
if "$cc" -std=c11 -Wall -Wextra -Werror -I"$scratch/include" -c -o /dev/null "$scratch/bad_prototype.c" 2>/dev/null; then
  echo "check.sh: self-test FAILED: SetTcpEntry(PMIB_TCPROW_OWNER_PID) compiled" >&2; exit 1
fi
sed "s/_Static_assert((int)(MIB_TCP_STATE_DELETE_TCB) == 12,/_Static_assert((int)(MIB_TCP_STATE_DELETE_TCB) == 13,/" "$gen" > "$scratch/bad_iphlpapi_constant.c"
grep -q 'MIB_TCP_STATE_DELETE_TCB) == 13' "$scratch/bad_iphlpapi_constant.c" || { echo "check.sh: self-test could not plant a wrong MIB_TCP_STATE_DELETE_TCB" >&2; exit 1; }
if "$cc" "${flags[@]}" "$scratch/bad_iphlpapi_constant.c" 2>/dev/null; then
  echo "check.sh: self-test FAILED: a wrong MIB_TCP_STATE_DELETE_TCB compiled" >&2; exit 1
fi
# And for the overlapped receive: a wrong WSAOVERLAPPED.hEvent offset, a wrong pointee size of
# WSARecv's lpOverlapped.
sed 's/_Static_assert(offsetof(WSAOVERLAPPED, hEvent) == 24,/_Static_assert(offsetof(WSAOVERLAPPED, hEvent) == 16,/' "$gen" > "$scratch/bad_offset.c"
sed 's/_Static_assert(sizeof(\*(w4j_WSARecv_p5)0) == 32,/_Static_assert(sizeof(*(w4j_WSARecv_p5)0) == 24,/' "$gen" > "$scratch/bad_pointee.c"
grep -q 'offsetof(WSAOVERLAPPED, hEvent) == 16' "$scratch/bad_offset.c" || { echo "check.sh: self-test could not plant a wrong WSAOVERLAPPED.hEvent offset" >&2; exit 1; }
grep -q 'w4j_WSARecv_p5)0) == 24' "$scratch/bad_pointee.c" || { echo "check.sh: self-test could not plant a wrong WSARecv pointee" >&2; exit 1; }
if "$cc" "${flags[@]}" "$scratch/bad_offset.c" 2>/dev/null; then
  echo "check.sh: self-test FAILED: a wrong WSAOVERLAPPED.hEvent offset compiled" >&2; exit 1
fi
if "$cc" "${flags[@]}" "$scratch/bad_pointee.c" 2>/dev/null; then
  echo "check.sh: self-test FAILED: a 24-byte WSARecv lpOverlapped compiled" >&2; exit 1
fi
# And for select: a wrong fd_set.fd_array offset (4, as without the SOCKETs' alignment), a select
# whose timeout is a plain int.
sed 's/_Static_assert(offsetof(fd_set, fd_array) == 8,/_Static_assert(offsetof(fd_set, fd_array) == 4,/' "$gen" > "$scratch/bad_fd_set.c"
grep -q 'offsetof(fd_set, fd_array) == 4' "$scratch/bad_fd_set.c" || { echo "check.sh: self-test could not plant a wrong fd_set.fd_array offset" >&2; exit 1; }
if "$cc" "${flags[@]}" "$scratch/bad_fd_set.c" 2>/dev/null; then
  echo "check.sh: self-test FAILED: a wrong fd_set.fd_array offset compiled" >&2; exit 1
fi
sed 's/W4J_P(select, 4, const PTIMEVAL)/W4J_P(select, 4, int)/' "$here/include/winsock4j_mapping.h" > "$scratch/include/winsock4j_mapping.h"
grep -q 'W4J_P(select, 4, int)' "$scratch/include/winsock4j_mapping.h" || { echo "check.sh: self-test could not plant a wrong select prototype" >&2; exit 1; }
if "$cc" -std=c11 -Wall -Wextra -Werror -I"$scratch/include" -c -o /dev/null "$scratch/bad_prototype.c" 2>/dev/null; then
  echo "check.sh: self-test FAILED: select(..., int timeout) compiled" >&2; exit 1
fi
echo "native-headers: self-test OK (a wrong constant and a wrong prototype both fail to compile, for ws2_32 and for iphlpapi; so do a wrong WSAOVERLAPPED offset and pointee size, a wrong fd_set offset and a wrong select prototype)"
