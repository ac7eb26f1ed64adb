/*
 * fuzz-sddl.c: fuzz target for SDDL (server/security/sd_sddl.h).
 *
 * The input, cut at its first NUL, goes to sd_from_sddl().  A descriptor
 * that parses is checked with sd_validate() and written back with
 * sd_to_sddl(); the text written must parse again to an sd_equal()
 * descriptor and be written identically a second time (the canonical form
 * is a fixed point).  A descriptor that passed sd_validate() must be
 * expressible in SDDL.  Any broken promise is an abort().
 */
#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "security/sd.h"
#include "security/sd_sddl.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    cimrpc_sd sd, again;
    char why[512];
    char *text, *sddl = NULL, *sddl2 = NULL;
    int valid;

    if ((text = malloc(size + 1)) == NULL)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    memset(&sd, 0, sizeof(sd));
    memset(&again, 0, sizeof(again));
    if (sd_from_sddl(text, &sd, why, sizeof(why)) < 0) {
        if (why[0] == '\0')
            abort();                    /* a refusal says why */
        goto cleanup;
    }
    valid = sd_validate(&sd, why, sizeof(why)) == 0;
    errno = 0;
    if ((sddl = sd_to_sddl(&sd)) == NULL) {
        if (valid && errno != ENOMEM)
            abort();                    /* a valid descriptor has an SDDL form */
        goto cleanup;
    }
    if (sd_from_sddl(sddl, &again, why, sizeof(why)) < 0)
        abort();                        /* our own output must parse */
    if (!sd_equal(&sd, &again))
        abort();
    if ((sddl2 = sd_to_sddl(&again)) != NULL && strcmp(sddl, sddl2) != 0)
        abort();                        /* canonical text is stable */

cleanup:
    free(sddl2);
    free(sddl);
    sd_free(&again);
    sd_free(&sd);
    free(text);
    return 0;
}
