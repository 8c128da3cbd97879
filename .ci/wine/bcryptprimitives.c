/*
 * Why this file exists: Rust's standard library takes its random numbers on Windows from
 * ProcessPrng in bcryptprimitives.dll (Windows 10 and later). Wine 8, the one Debian 12 ships and
 * CI installs to run the Windows build of adobe-jwt, has no bcryptprimitives.dll, so every Rust
 * program dies at start-up under it. This stub forwards ProcessPrng to advapi32's RtlGenRandom
 * (SystemFunction036), the generator older Windows versions used. It is built with mingw-w64 into
 * the CI's own Wine prefix (.ci/windows) and never shipped.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk)) {
            return FALSE;
        }
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
