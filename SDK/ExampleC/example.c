/*
 * example.c — a complete Hark analysis plugin in plain C, meant to be copied.
 *
 * "Word count (C example)" codes every participant turn of at least
 * `minWords` words (default 150) as "long turn", with the explanation
 * "this turn has 212 words". Long turns are often where people tell their
 * stories, so a researcher may want to read them first.
 *
 * Everything a plugin needs is here:
 *   - one exported function, hark_plugin_entry, returning a static descriptor;
 *   - open: read the options (JSON), allocate an instance, report errors;
 *   - analyze: read the document, emit results through the host's sink;
 *   - close: free the instance.
 * The contract is in hark_plugin.h; read its notes on memory and threads.
 *
 * Build it as a shared library against that header; from the SDK folder:
 *   cc -std=c11 -Wall -Wextra -fPIC -shared -fvisibility=hidden \
 *      -I Sources/HarkPluginABI/include ExampleC/example.c -o libexample.so
 * (Hark's own build makes it as libHarkPluginExampleC.so, beside hark.)
 */
#include "hark_plugin.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_MIN_WORDS 150L

/*
 * HARK_HAS_FIELD(p, type, field), from the header, says whether the struct
 * at `p`, as long as its struct_size says, includes `field`. The host may be
 * older or newer than this plugin: a newer host's structs are longer (fields
 * are only ever added at the end), an older one's may stop before a field
 * we know. Check before reading.
 */

/* One instance per `open`. The host uses an instance from one thread at a
 * time, so it needs no lock; different instances may run in parallel, so
 * nothing here is global except the read-only descriptor. */
typedef struct wordcount_instance {
    long min_words;
} wordcount_instance;

/* Writes a message into the host's error buffer: always NUL-terminated and
 * truncated to its capacity (snprintf does both). */
static void set_error(char *error, size_t capacity, const char *format, ...)
{
    if (error == NULL || capacity == 0) {
        return;
    }
    va_list args;
    va_start(args, format);
    vsnprintf(error, capacity, format, args);
    va_end(args);
}

/* ---- A tiny reader for the options object ------------------------------
 * The host passes options as a JSON object such as {"minWords": 200}. A real
 * plugin might use a JSON library; this one only needs one integer, so it
 * walks the object by hand: skip white space, read a key, and either read
 * the value we want or skip over a value we do not use. */

static const char *skip_space(const char *p)
{
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
        p++;
    }
    return p;
}

/* Skips a JSON string starting at its opening quote; returns the position
 * after the closing quote, or NULL if the string never ends. */
static const char *skip_string(const char *p)
{
    for (p++; *p != '\0'; p++) {
        if (*p == '\\' && p[1] != '\0') {
            p++;
        } else if (*p == '"') {
            return p + 1;
        }
    }
    return NULL;
}

/* Skips any JSON value (string, number, literal, object or array) and
 * returns the position of the ',' or '}' after it, or NULL at the end of text. */
static const char *skip_value(const char *p)
{
    int depth = 0;
    while (*p != '\0') {
        if (*p == '"') {
            p = skip_string(p);
            if (p == NULL) {
                return NULL;
            }
            continue;
        }
        if ((*p == ',' || *p == '}' || *p == ']') && depth == 0) {
            return p;
        }
        if (*p == '{' || *p == '[') {
            depth++;
        } else if (*p == '}' || *p == ']') {
            depth--;
        }
        p++;
    }
    return NULL;
}

/* Reads {"minWords": N} into `min_words`. Returns 0, or -1 with a message
 * in `error` saying what is wrong and how to fix it. */
static int parse_options(const char *json, long *min_words, char *error, size_t capacity)
{
    const char *p = skip_space(json);
    if (*p != '{') {
        set_error(error, capacity, "options must be a JSON object such as {\"minWords\": 150}");
        return -1;
    }
    p = skip_space(p + 1);
    while (*p != '}') {
        if (*p != '"') {
            set_error(error, capacity, "options are not valid JSON near: %.30s", p);
            return -1;
        }
        const char *key = p + 1;
        const char *after_key = skip_string(p);
        if (after_key == NULL) {
            set_error(error, capacity, "options are not valid JSON: a key has no closing quote");
            return -1;
        }
        size_t key_length = (size_t)(after_key - 1 - key);
        p = skip_space(after_key);
        if (*p != ':') {
            set_error(error, capacity, "options are not valid JSON near: %.30s", p);
            return -1;
        }
        p = skip_space(p + 1);
        if (key_length == strlen("minWords") && strncmp(key, "minWords", key_length) == 0) {
            char *end = NULL;
            errno = 0;
            long value = strtol(p, &end, 10);
            end = (char *)skip_space(end);
            if (*end == '\0') {
                set_error(error, capacity, "options are not valid JSON: the object never ends");
                return -1;
            }
            if (end == p || errno != 0 || (*end != ',' && *end != '}') || value < 1) {
                int shown = (int)strcspn(p, ",}");
                set_error(error, capacity, "option \"minWords\" must be a whole number of at least 1, got: %.*s",
                          shown < 20 ? shown : 20, p);
                return -1;
            }
            *min_words = value;
            p = end;
        } else {
            p = skip_value(p); /* an option this plugin does not know: ignore it */
            if (p == NULL) {
                set_error(error, capacity, "options are not valid JSON: the object never ends");
                return -1;
            }
        }
        p = skip_space(p);
        if (*p == ',') {
            p = skip_space(p + 1);
        } else if (*p != '}') {
            set_error(error, capacity, "options are not valid JSON near: %.30s", p);
            return -1;
        }
    }
    return 0;
}

/* ---- The plugin functions ---------------------------------------------- */

/* Thread: any, possibly several opens at once; it touches no shared state. */
static hark_instance *wordcount_open(const char *options_json, char *error, size_t error_capacity)
{
    long min_words = DEFAULT_MIN_WORDS;
    if (parse_options(options_json != NULL ? options_json : "{}", &min_words, error, error_capacity) != 0) {
        return NULL;
    }
    wordcount_instance *instance = malloc(sizeof *instance);
    if (instance == NULL) {
        set_error(error, error_capacity, "out of memory while opening the word count plugin");
        return NULL;
    }
    instance->min_words = min_words;
    /* hark_instance is opaque to the host: any pointer of ours will do. */
    return (hark_instance *)instance;
}

/* Counts words as runs of characters between white space. Bytes of
 * multi-byte UTF-8 characters are never white space, so "Zoë" is one word. */
static size_t count_words(const char *text, size_t start, size_t end)
{
    size_t words = 0;
    int in_word = 0;
    for (size_t i = start; i < end; i++) {
        char c = text[i];
        int space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
        if (!space && !in_word) {
            words++;
        }
        in_word = !space;
    }
    return words;
}

/* Thread: one thread per instance at a time. Results go to the sink before
 * we return; the host copies them, so stack buffers are fine. */
static int32_t wordcount_analyze(hark_instance *handle, const hark_document *document, const hark_sink *sink,
                                 char *error, size_t error_capacity)
{
    const wordcount_instance *instance = (const wordcount_instance *)handle;
    if (instance == NULL || document == NULL || sink == NULL) {
        set_error(error, error_capacity, "analyze was called with a null instance, document or sink");
        return HARK_ERROR;
    }
    if (!HARK_HAS_FIELD(document, hark_document, turn_count) || !HARK_HAS_FIELD(sink, hark_sink, emit_code)) {
        set_error(error, error_capacity,
                  "the host's document (%u bytes) or sink (%u bytes) is older than this plugin needs; "
                  "update Hark or rebuild the plugin against its hark_plugin.h",
                  (unsigned)document->struct_size, (unsigned)sink->struct_size);
        return HARK_ERROR;
    }
    if (sink->emit_code == NULL) {
        return HARK_OK; /* the host wants no codes from this run */
    }

    /* Step through the turns by the host's struct_size rather than our
     * sizeof(hark_turn): a newer host's turns may be longer than ours. */
    const char *turn_bytes = (const char *)document->turns;
    for (size_t i = 0; i < document->turn_count; i++) {
        const hark_turn *turn = (const hark_turn *)(const void *)turn_bytes;
        if (!HARK_HAS_FIELD(turn, hark_turn, role)) {
            set_error(error, error_capacity, "turn %zu is only %u bytes long; expected a hark_turn", i,
                      (unsigned)turn->struct_size);
            return HARK_ERROR;
        }
        turn_bytes += turn->struct_size;

        /* Interviewer turns are context, not data. */
        if (turn->role == HARK_ROLE_INTERVIEWER) {
            continue;
        }
        if (turn->end > document->text_length || turn->start > turn->end) {
            set_error(error, error_capacity, "turn %zu spans bytes %u..%u, outside the %zu-byte text", i,
                      (unsigned)turn->start, (unsigned)turn->end, document->text_length);
            return HARK_ERROR;
        }
        size_t words = count_words(document->text, turn->start, turn->end);
        if (words < (size_t)instance->min_words) {
            continue;
        }

        char explanation[64];
        snprintf(explanation, sizeof explanation, "this turn has %zu words", words);
        hark_code_result result = {
            .struct_size = sizeof result,
            .document = NULL, /* NULL: the document being analysed */
            .code = "long turn",
            .start = turn->start,
            .end = turn->end,
            .confidence = 1.0,
            .explanation = explanation,
        };
        if (sink->emit_code(sink->host_data, &result) == HARK_REJECTED && HARK_HAS_FIELD(sink, hark_sink, log) &&
            sink->log != NULL) {
            /* The host refused this result and will fail the document; say
             * which one to make its log useful, then carry on. */
            char message[96];
            snprintf(message, sizeof message, "the host rejected the code on turn %zu", i);
            sink->log(sink->host_data, 2, message);
        }
    }
    return HARK_OK;
}

static void wordcount_close(hark_instance *handle)
{
    free(handle);
}

/* ---- What the plugin says about itself ---------------------------------
 * A static, read-only object: safe to hand out from any thread, never
 * freed. The host reads it (and checks struct_size and abi_major) before
 * calling anything else. */
static const hark_plugin_descriptor descriptor = {
    .struct_size = sizeof(hark_plugin_descriptor),
    .abi_major = HARK_PLUGIN_ABI_MAJOR,
    .abi_minor = HARK_PLUGIN_ABI_MINOR,
    .id = "org.hark.example.wordcount",
    .name = "Word count (C example)",
    .version = "1.0.0",
    .vendor = "Hark project",
    .description = "Codes participant turns of at least minWords words as \"long turn\". "
                   "An example of a plugin written in C.",
    .provides = HARK_PROVIDES_CODES,
    .needs = HARK_NEEDS_TURNS,
    .options_schema = "{\"type\":\"object\",\"properties\":{\"minWords\":{\"type\":\"integer\",\"minimum\":1,"
                      "\"default\":150,\"description\":\"Turns with at least this many words are coded.\"}}}",
    .open = wordcount_open,
    .analyze = wordcount_analyze,
    .finish = NULL, /* no corpus-level pass: every result comes from analyze */
    .close = wordcount_close,
    .get_extension = NULL,
};

/* The one exported symbol (HARK_EXPORT: default visibility, C linkage in
 * C++). Everything else is static, so with -fvisibility=hidden nothing else
 * leaks out of the library. */
HARK_EXPORT const hark_plugin_descriptor *hark_plugin_entry(void)
{
    return &descriptor;
}
