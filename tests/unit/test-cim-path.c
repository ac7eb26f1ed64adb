/*
 * test-cim-path.c: object paths: every form (class, relative instance,
 * namespace, host, singleton), every kind of key value, backslashes as
 * WMI users write them, and for each malformed path the message that
 * says what is wrong.  Quoting round-trips through the parser.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/cim_path.h"
#include "tap.h"

/* Parse TEXT expecting failure; the message must contain WANT. */
static void
refused(const char *text, const char *want)
{
    struct cim_path path;
    char why[512] = "";
    int rc;

    memset(&path, 0, sizeof(path));
    rc = cim_path_parse(text, &path, why, sizeof(why));
    if (!tap_ok(rc < 0 && strstr(why, want) != NULL && path.class_name == NULL &&
                path.keys == NULL, "'%.60s' is refused: %s", text, why))
        printf("#   wanted a message containing '%s'\n", want);
    cim_path_clear(&path);
}

int
main(void)
{
    struct cim_path path;
    char why[512] = "", buf[256], small[8];
    size_t len;
    char *big;

    tap_plan(57);

    memset(&path, 0, sizeof(path));
    tap_ok(cim_path_parse("CIM_ManagedElement", &path, why, sizeof(why)) == 0 &&
           strcmp(path.class_name, "CIM_ManagedElement") == 0 && path.host == NULL &&
           path.nspace == NULL && !cim_path_is_instance(&path), "a class path");
    cim_path_clear(&path);

    tap_ok(cim_path_parse("Win32_Service.Name=\"Spooler\"", &path, why, sizeof(why)) == 0 &&
           path.n_keys == 1 && strcmp(path.keys[0].name, "Name") == 0 &&
           path.keys[0].kind == CIM_PATH_KEY_STRING &&
           strcmp(path.keys[0].value, "Spooler") == 0 && cim_path_is_instance(&path),
           "a relative instance path with a string key");
    cim_path_clear(&path);

    tap_ok(cim_path_parse("root/cimv2:Disk.Sys=\"a\",Id=-42,Big=0x1F,R=1.5e3,On=true",
                          &path, why, sizeof(why)) == 0 &&
           strcmp(path.nspace, "root/cimv2") == 0 && path.n_keys == 5 &&
           path.keys[1].kind == CIM_PATH_KEY_NUMBER && strcmp(path.keys[1].value, "-42") == 0 &&
           path.keys[2].kind == CIM_PATH_KEY_NUMBER && strcmp(path.keys[2].value, "0x1F") == 0 &&
           path.keys[3].kind == CIM_PATH_KEY_NUMBER && strcmp(path.keys[3].value, "1.5e3") == 0 &&
           path.keys[4].kind == CIM_PATH_KEY_BOOLEAN && strcmp(path.keys[4].value, "TRUE") == 0,
           "a namespace and keys of every kind, in the order written");
    cim_path_clear(&path);

    tap_ok(cim_path_parse("//server.example.com/root/cimv2:Disk.Id=1", &path, why,
                          sizeof(why)) == 0 && strcmp(path.host, "server.example.com") == 0 &&
           strcmp(path.nspace, "root/cimv2") == 0 && strcmp(path.class_name, "Disk") == 0,
           "a full path with a host");
    cim_path_clear(&path);

    tap_ok(cim_path_parse("//[2001:db8::1]/root:C", &path, why, sizeof(why)) == 0 &&
           strcmp(path.host, "[2001:db8::1]") == 0 && strcmp(path.nspace, "root") == 0,
           "an IPv6 host in brackets");
    cim_path_clear(&path);

    tap_ok(cim_path_parse("\\\\HOST\\root\\cimv2:Disk.Id=1", &path, why, sizeof(why)) == 0 &&
           strcmp(path.host, "HOST") == 0 && strcmp(path.nspace, "root/cimv2") == 0,
           "backslashes, as WMI users type them, become '/'");
    cim_path_clear(&path);

    tap_ok(cim_path_parse("root\\cimv2:Disk", &path, why, sizeof(why)) == 0 &&
           strcmp(path.nspace, "root/cimv2") == 0 && path.n_keys == 0,
           "a namespace written with backslashes");
    cim_path_clear(&path);

    tap_ok(cim_path_parse("Config=@", &path, why, sizeof(why)) == 0 && path.singleton &&
           path.n_keys == 0 && cim_path_is_instance(&path), "a singleton");
    cim_path_clear(&path);

    tap_ok(cim_path_parse("Assoc.Ref=\"root/cimv2:Disk.Name=\\\"C:\\\\\\\"\"", &path, why,
                          sizeof(why)) == 0 &&
           strcmp(path.keys[0].value, "root/cimv2:Disk.Name=\"C:\\\"") == 0,
           "a reference key holds a path with escaped quotes and backslashes");
    cim_path_clear(&path);

    tap_ok(cim_path_parse("C.Name=\"a,b=c:d.e\"", &path, why, sizeof(why)) == 0 &&
           path.nspace == NULL && strcmp(path.keys[0].value, "a,b=c:d.e") == 0,
           "separators inside a quoted value are text, and a ':' there is not a namespace");
    cim_path_clear(&path);

    tap_ok(cim_path_parse("C.Name=\"\"", &path, why, sizeof(why)) == 0 &&
           strcmp(path.keys[0].value, "") == 0, "an empty string value");
    cim_path_clear(&path);

    tap_ok(cim_path_parse("C.A=FALSE,B=+7,C=.5", &path, why, sizeof(why)) == 0 &&
           strcmp(path.keys[0].value, "FALSE") == 0 && strcmp(path.keys[1].value, "+7") == 0 &&
           strcmp(path.keys[2].value, ".5") == 0, "FALSE, a signed and a fractional number");
    cim_path_clear(&path);

    /* Every way to get it wrong, and what the user is told. */
    refused("", "the path is empty");
    refused(NULL, "the path is empty");
    refused("1Class", "the class name is expected at character 1");
    refused("root/cimv2:", "the class name is missing at the end");
    refused(":Class", "the namespace before ':' is empty");
    refused("root//cimv2:Class", "empty segment");
    refused("other/ns:Class", "not below root");
    refused("root/cimv2", "a namespace ends with ':' before the class name");
    refused("///root/cimv2:Class", "the host name after // is empty");
    refused("//[::1/root:C", "missing its ']'");
    refused("//host", "not followed by a namespace");
    refused("//host/Class.Key=1", "after the host comes a namespace");
    refused("//ho st/root:C", "the host name contains ' '");
    refused("/root/cimv2:C", "starts with a single '/'");
    refused("Class.", "a key name is missing at the end");
    refused("Class.Name", "key Name is not followed by '='");
    refused("Class.Name=", "key Name has no value");
    refused("Class.Name=\"abc", "the value of key Name is missing its closing quote");
    refused("Class.Name=\"a\\nb\"", "write \\\\ for a backslash");
    refused("Class.Name=abc", "must be a quoted string, a number, TRUE or FALSE");
    refused("Class.Id=12ab", "'12ab', is not a number");
    refused("Class.Id=0x", "is not a number");
    refused("Class.Id=1e", "is not a number");
    refused("Class.Id=-", "is not a number");
    refused("Class.Id=1,", "ends with ','");
    refused("Class.Id=1,,B=2", "a key name is expected at character 12");
    refused("Class.Id=1;B=2", "at character 10, '1;B=2', is not a number");
    refused("Class.Id=1,id=2", "key id is given twice");
    refused("Class.Name=\"a\"x", "unexpected 'x' at character 15");
    refused("Class=5", "must be followed by '@'");
    refused("Class=@x", "nothing may follow '=@'");
    refused("Class x", "unexpected ' ' at character 6 after the class name");
    refused("Class.Id =1", "key Id is not followed by '='");
    refused("Cl\x01ss", "\\x01 at character 3");

    big = malloc(CIM_PATH_MAX + 16);
    memset(big, 'a', CIM_PATH_MAX + 1);
    big[0] = 'C';
    big[CIM_PATH_MAX + 1] = '\0';
    refused(big, "longer than 65536 bytes");
    memset(big, 'a', 300);
    big[300] = '\0';
    refused(big, "has 300 characters; names have at most 256");
    len = (size_t)snprintf(big, CIM_PATH_MAX, "C.");
    for (int i = 0; i <= CIM_PATH_KEYS_MAX; i++)
        len += (size_t)snprintf(big + len, CIM_PATH_MAX - len, "%sK%d=%d", i ? "," : "", i, i);
    refused(big, "more than 64 key bindings");
    free(big);

    /* Quoting and the parser agree on any text. */
    {
        static const char *const samples[] = { "plain", "with \"quotes\"", "back\\slash\\",
                                               "\\\"", "" };
        for (size_t i = 0; i < sizeof(samples) / sizeof(samples[0]); i++) {
            len = (size_t)snprintf(buf, sizeof(buf), "C.K=");
            if (cim_path_append_quoted(buf, sizeof(buf), &len, samples[i]) < 0 ||
                len != strlen(buf) || cim_path_parse(buf, &path, why, sizeof(why)) < 0) {
                tap_ok(0, "quoting '%s' round-trips (%s)", samples[i], why);
                continue;
            }
            tap_is_str(path.keys[0].value, samples[i], "quoting '%s' round-trips as %s",
                       samples[i], buf);
            cim_path_clear(&path);
        }
    }
    strcpy(small, "ab");
    len = 2;
    tap_ok(cim_path_append_quoted(small, sizeof(small), &len, "x\"y") < 0 && len == 2 &&
           strcmp(small, "ab") == 0, "a quoted value that would not fit leaves the buffer alone");
    tap_ok(cim_path_append_quoted(small, sizeof(small), &len, "x\"") == 0 && len == 7 &&
           strcmp(small, "ab\"x\\\"\"") == 0, "one that fits exactly (with its NUL) is appended");
    cim_path_clear(NULL);
    tap_ok(1, "cim_path_clear accepts NULL");
    return tap_done();
}
