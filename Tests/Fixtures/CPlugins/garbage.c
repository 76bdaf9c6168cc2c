/* Test plugins written against hark_plugin.h that break the rules, compiled
 * by the tests with `cc -shared` and one of the -D switches below:
 *   GARBAGE         analyze emits the result chosen by the "mode" option
 *                   (a NULL or too-short result is refused by the sink; the
 *                   plugin ignores that and returns HARK_OK)
 *   WRONG_ABI       the descriptor claims ABI major 99
 *   SHORT_STRUCT    the descriptor's struct_size is too small
 *   NO_ENTRY        the entry symbol is missing (it is named differently)
 *   CRASH_ON_LOAD   the entry function itself crashes
 *   NEEDS=... / PROVIDES=...  the descriptor's needs / provides (a string)
 *   UNTERMINATED_NAME  the descriptor's name has no NUL within 1 MiB
 *   BAD_UTF8_NAME   the descriptor's name is not UTF-8 after "Garbage"
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "hark_plugin.h"

struct hark_instance { char mode[64]; };
static struct hark_instance the_instance;

static hark_instance *open_instance(const char *options, char *error, size_t cap) {
    (void)error; (void)cap;
    const char *m = strstr(options, "\"mode\"");
    the_instance.mode[0] = 0;
    if (m) {
        const char *q = strchr(m + 6, '"');
        if (q) {
            const char *e = strchr(q + 1, '"');
            size_t n = e ? (size_t)(e - q - 1) : 0;
            if (n >= sizeof the_instance.mode) n = sizeof the_instance.mode - 1;
            memcpy(the_instance.mode, q + 1, n);
            the_instance.mode[n] = 0;
        }
    }
    return &the_instance;
}

static int32_t analyze(hark_instance *inst, const hark_document *doc, const hark_sink *sink, char *error, size_t cap) {
    const char *mode = inst->mode;
    hark_code_result code = { sizeof(hark_code_result), NULL, "code", 0, 0, 0.5, "why" };
    code.end = doc->text_length < 4 ? (uint32_t)doc->text_length : 4;
    hark_link_result link;
    memset(&link, 0, sizeof link);
    link.struct_size = sizeof link;
    link.cause = "cause"; link.effect = "effect"; link.polarity = 1; link.strength = 0.5; link.confidence = 0.5;
    link.end = code.end; link.explanation = "why";
    hark_score_result score = { sizeof(hark_score_result), NULL, "valence", 0, code.end, 0.5, "why" };

    /* A good result first: a garbage one later must still fail the document whole. */
    sink->emit_code(sink->host_data, &code);
    if (strcmp(mode, "outside") == 0) { code.end = (uint32_t)doc->text_length + 10; sink->emit_code(sink->host_data, &code); }
    else if (strcmp(mode, "mid-scalar") == 0) {
        /* One byte into the first multi-byte character. */
        size_t i = 0;
        while (i < doc->text_length && (unsigned char)doc->text[i] < 0x80) i++;
        code.start = (uint32_t)i + 1; code.end = (uint32_t)i + 2;
        sink->emit_code(sink->host_data, &code);
    }
    else if (strcmp(mode, "nan") == 0) { link.strength = NAN; sink->emit_link(sink->host_data, &link); }
    else if (strcmp(mode, "out-of-range") == 0) { score.value = 3.0; sink->emit_score(sink->host_data, &score); }
    else if (strcmp(mode, "bad-utf8") == 0) { code.code = "caf\xC3"; sink->emit_code(sink->host_data, &code); }
    else if (strcmp(mode, "no-letters") == 0) { code.code = "!!!"; sink->emit_code(sink->host_data, &code); }
    else if (strcmp(mode, "polarity") == 0) { link.polarity = 0; sink->emit_link(sink->host_data, &link); }
    else if (strcmp(mode, "null") == 0) { sink->emit_code(sink->host_data, NULL); }
    else if (strcmp(mode, "short") == 0) { code.struct_size = 8; sink->emit_code(sink->host_data, &code); }
    else if (strcmp(mode, "error") == 0) { snprintf(error, cap, "the C plugin says no"); return HARK_ERROR; }
    else if (strcmp(mode, "unterminated") == 0) {
        /* 70,000 letters and no NUL: the host reads at most 65,536 of them. */
        char *endless = malloc(70000);
        memset(endless, 'a', 70000);
        code.code = endless;
        sink->emit_code(sink->host_data, &code);
        free(endless);
    }
    else if (strcmp(mode, "error-unterminated") == 0) { memset(error, 'x', cap); return HARK_ERROR; }
    return HARK_OK;
}

static void close_instance(hark_instance *inst) { (void)inst; }

#ifdef UNTERMINATED_NAME
/* Filled with letters (no NUL) by the entry, before the host reads it. */
static char endless_name[(1 << 20) + 64];
#endif

static const hark_plugin_descriptor descriptor = {
#ifdef SHORT_STRUCT
    .struct_size = 16,
#else
    .struct_size = sizeof(hark_plugin_descriptor),
#endif
#ifdef WRONG_ABI
    .abi_major = 99,
#else
    .abi_major = HARK_PLUGIN_ABI_MAJOR,
#endif
    .abi_minor = HARK_PLUGIN_ABI_MINOR,
    .id = "org.hark.test.garbage",
#if defined(UNTERMINATED_NAME)
    .name = endless_name,
#elif defined(BAD_UTF8_NAME)
    .name = "Garbage \xff\xfe",
#else
    .name = "Garbage (test)",
#endif
    .version = "1.0.0",
    .vendor = "Hark tests",
    .description = "Emits invalid results on purpose.",
#ifdef PROVIDES
    .provides = PROVIDES,
#else
    .provides = "codes,links,scores",
#endif
#ifdef NEEDS
    .needs = NEEDS,
#else
    .needs = "",
#endif
    .options_schema = "{\"type\":\"object\"}",
    .open = open_instance,
    .analyze = analyze,
    .finish = NULL,
    .close = close_instance,
    .get_extension = NULL,
};

#ifdef CRASH_ON_LOAD
/* A library whose entry point crashes: listing must survive it. */
__attribute__((visibility("default"))) const hark_plugin_descriptor *hark_plugin_entry(void) {
    volatile int *nowhere = (volatile int *)0;
    *nowhere = 1;
    return &descriptor;
}
#elif defined(NO_ENTRY)
__attribute__((visibility("default"))) const hark_plugin_descriptor *some_other_name(void) { return &descriptor; }
#else
__attribute__((visibility("default"))) const hark_plugin_descriptor *hark_plugin_entry(void) {
#ifdef UNTERMINATED_NAME
    memset(endless_name, 'a', sizeof endless_name);
#endif
    return &descriptor;
}
#endif
