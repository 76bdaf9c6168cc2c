/*
 * hark_plugin.h — the one contract between Hark and its analysis plugins.
 *
 * A plugin is a shared library that exports one C symbol, `hark_plugin_entry`,
 * returning a pointer to a static descriptor. Everything else is reached
 * through that descriptor. Only plain C crosses this boundary: no Swift,
 * C++ or Rust types, and nothing allocated on one side is freed on the other.
 *
 * Versioning
 *   HARK_PLUGIN_ABI_MAJOR changes when a change breaks existing plugins; the
 *   host refuses a plugin whose major differs from its own. MINOR grows when
 *   fields are added at the END of a struct. Every struct starts with its
 *   `struct_size`, so either side can tell which fields the other knows:
 *   read a field only if offsetof(field) + sizeof(field) <= struct_size
 *   (HARK_HAS_FIELD below). Arrays of structs (turns, speakers, codes) are
 *   stepped through by the elements' struct_size, never by a compiled-in
 *   sizeof: a newer host's elements may be larger than the plugin's, an
 *   older host's smaller. The SDK's CHANGELOG.md lists every version.
 *
 * Text and offsets
 *   Document text is UTF-8 (NFC, LF line ends), NUL-terminated, and its
 *   length is given in bytes. Every span in this header is a half-open range
 *   [start, end) of UTF-8 BYTE offsets into that text, and both ends must
 *   fall on a Unicode scalar boundary. (The host stores code-point offsets;
 *   it converts and checks every span a plugin emits.)
 *
 * Memory
 *   Strings and arrays the host passes in are owned by the host and valid
 *   only for the duration of the call that receives them: copy what you
 *   keep. Results go out through the host-owned sink callbacks; the host
 *   copies them before the callback returns, so the plugin may reuse or free
 *   its buffers immediately afterwards. Errors are written by the plugin into
 *   a caller-provided buffer (always NUL-terminate, truncate to capacity).
 *   Every string in either direction is UTF-8 and NUL-terminated; a string
 *   without its NUL is reported as such. Each field below says whether it
 *   may be NULL; "never NULL" fields from the host can be read without a
 *   check, and NULL where the plugin must give a value fails the result.
 *
 * Writing a plugin in C or C++
 *   Define the entry with HARK_EXPORT (it is declared below, so a definition
 *   with another signature does not compile, and in C++ it keeps C linkage):
 *
 *     HARK_EXPORT const hark_plugin_descriptor *hark_plugin_entry(void) {
 *         return &descriptor;
 *     }
 *
 *   Build with -fvisibility=hidden so nothing else is exported. Read a field
 *   of a struct the host passes only when HARK_HAS_FIELD says it is there.
 *
 * Threading
 *   `hark_plugin_entry` and the descriptor's `open` may be called from any
 *   thread, concurrently. One instance is used by one thread at a time: the
 *   host never calls `analyze`, `finish` or `close` concurrently on the same
 *   instance, though it may use different instances on different threads at
 *   once. Sink callbacks must be called synchronously, on the thread that
 *   called `analyze`/`finish`, before that call returns.
 */
#ifndef HARK_PLUGIN_H
#define HARK_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define HARK_PLUGIN_ABI_MAJOR 1
#define HARK_PLUGIN_ABI_MINOR 0

/** Name of the single exported symbol, of type hark_plugin_entry_fn. */
#define HARK_PLUGIN_ENTRY_SYMBOL "hark_plugin_entry"

/**
 * Marks the one function a plugin exports: default visibility (so it stays
 * exported under -fvisibility=hidden) and, in C++, C linkage.
 */
#if defined(_WIN32)
#define HARK_VISIBLE __declspec(dllexport)
#else
#define HARK_VISIBLE __attribute__((visibility("default")))
#endif
#ifdef __cplusplus
#define HARK_EXPORT extern "C" HARK_VISIBLE
#else
#define HARK_EXPORT HARK_VISIBLE
#endif

/**
 * Whether the struct at `ptr` (of C type `type`), as long as its own
 * `struct_size` says, holds `field`. A struct from the other side may come
 * from an older or newer ABI minor: read a field only when this is true.
 *     if (HARK_HAS_FIELD(doc, hark_document, project) && doc->project) ...
 */
#define HARK_HAS_FIELD(ptr, type, field) \
    ((size_t)(ptr)->struct_size >= offsetof(type, field) + sizeof(((type *)0)->field))

/**
 * The values of the descriptor's comma-separated `provides` and `needs`.
 * The host refuses a plugin that names anything else.
 */
#define HARK_PROVIDES_CODES "codes"
#define HARK_PROVIDES_CONCEPTS "concepts"
#define HARK_PROVIDES_LINKS "links"
#define HARK_PROVIDES_SCORES "scores"
#define HARK_NEEDS_TURNS "turns"
#define HARK_NEEDS_CODEBOOK "codebook"
#define HARK_NEEDS_CONCEPTS "concepts"
#define HARK_NEEDS_CORPUS "corpus"

/**
 * The size of every struct in ABI 1.0 on 64-bit platforms (LP64: Linux and
 * macOS), frozen: later minors add fields at the end, so their structs are
 * larger, and these numbers never change. The host accepts any struct at
 * least this long and reads only the fields it holds; a plugin reading a
 * host's struct uses HARK_HAS_FIELD.
 */
#define HARK_SPEAKER_SIZE_1_0 32
#define HARK_TURN_SIZE_1_0 20
#define HARK_CODE_DEF_SIZE_1_0 32
#define HARK_PROJECT_CONTEXT_SIZE_1_0 40
#define HARK_DOCUMENT_SIZE_1_0 80
#define HARK_CODE_RESULT_SIZE_1_0 48
#define HARK_CONCEPT_RESULT_SIZE_1_0 48
#define HARK_LINK_RESULT_SIZE_1_0 88
#define HARK_SCORE_RESULT_SIZE_1_0 48
#define HARK_SINK_SIZE_1_0 56
#define HARK_PLUGIN_DESCRIPTOR_SIZE_1_0 112

/** Who is speaking in a turn. Interviewer turns are context, not data. */
typedef enum hark_role {
    HARK_ROLE_UNKNOWN = 0,
    HARK_ROLE_PARTICIPANT = 1,
    HARK_ROLE_INTERVIEWER = 2
} hark_role;

/** Return codes of plugin functions and sink callbacks. */
typedef enum hark_status {
    HARK_OK = 0,
    HARK_ERROR = 1,          /* failed; a message is in the error buffer */
    HARK_REJECTED = 2        /* sink only: the host refused this result   */
} hark_status;

/*
 * What the host passes in (speakers, turns, codes, the project, the
 * document) is owned by the host and valid until the call that received it
 * returns. Its strings are never NULL ("" when empty). Step through arrays by
 * the first element's struct_size.
 */

/** A person speaking in a document. */
typedef struct hark_speaker {
    uint32_t struct_size;
    const char *name;        /* pseudonym or label as written; never NULL   */
    int32_t role;            /* hark_role                                   */
    const char *group;       /* participant group, "" when unknown          */
} hark_speaker;

/** One speaker turn: the span of what was said (without the "Name:" prefix). */
typedef struct hark_turn {
    uint32_t struct_size;
    uint32_t start;          /* byte offset, inclusive                      */
    uint32_t end;            /* byte offset, exclusive                      */
    int32_t speaker;         /* index into hark_document.speakers, -1: none */
    int32_t role;            /* hark_role of this turn                      */
} hark_turn;

/** One code of the project's codebook. */
typedef struct hark_code_def {
    uint32_t struct_size;
    const char *name;        /* e.g. "being heard"                         */
    const char *parent;      /* parent code name, "" at the top level       */
    const char *description; /* "" when none                                */
} hark_code_def;

/** What the project already knows, passed with every document. */
typedef struct hark_project_context {
    uint32_t struct_size;
    const char *const *concepts;  /* labels of known concepts; may be NULL
                                     when concept_count is 0               */
    size_t concept_count;
    const hark_code_def *codes;   /* the codebook; may be NULL when
                                     code_count is 0                        */
    size_t code_count;
} hark_project_context;

/** One document, as the host passes it to analyze. */
typedef struct hark_document {
    uint32_t struct_size;
    const char *id;               /* the host's stable document id; never NULL */
    const char *title;            /* never NULL, "" when none               */
    const char *text;             /* UTF-8, NFC, LF, NUL-terminated; never
                                     NULL (an empty document is "")        */
    size_t text_length;           /* in bytes, without the NUL              */
    const hark_turn *turns;       /* in text order, non-overlapping; may be
                                     NULL when turn_count is 0              */
    size_t turn_count;
    const hark_speaker *speakers; /* may be NULL when speaker_count is 0    */
    size_t speaker_count;
    const hark_project_context *project; /* never NULL from this host; check
                                     anyway, it costs nothing               */
} hark_document;

/*
 * Results. The plugin owns every result and its strings: they need to live
 * only until the sink callback it passes them to returns (the host copies
 * them). Set struct_size to sizeof the struct you fill (at least the 1.0
 * size). `document` names the document a span refers to: NULL (or "")
 * inside analyze means the document being analysed; inside finish it must be
 * the id of a document this instance analysed. `explanation` may be NULL
 * (read as ""); every other string must not be NULL. Numbers must be finite.
 */

/** A code applied to a span ("being heard" on a passage). */
typedef struct hark_code_result {
    uint32_t struct_size;
    const char *document;
    const char *code;             /* code name, non-empty UTF-8             */
    uint32_t start, end;          /* the coded passage                      */
    double confidence;            /* 0 ... 1                                */
    const char *explanation;      /* why, in words a reader understands     */
} hark_code_result;

/** A candidate concept, with the passage that mentions it. */
typedef struct hark_concept_result {
    uint32_t struct_size;
    const char *document;
    const char *label;            /* "peer support"; "Support; peer support"
                                     for a hierarchy; "~lonely" for "not lonely" */
    uint32_t start, end;          /* the supporting passage                 */
    double confidence;            /* 0 ... 1                                */
    const char *explanation;
} hark_concept_result;

/** A candidate cause -> effect link, with its evidence. */
typedef struct hark_link_result {
    uint32_t struct_size;
    const char *document;
    const char *cause;            /* concept label                          */
    const char *effect;           /* concept label                          */
    int32_t polarity;             /* +1 increases, -1 decreases             */
    double strength;              /* 0 ... 1, from hedges and intensifiers  */
    double confidence;            /* 0 ... 1                                */
    uint32_t start, end;          /* the evidence: the quote a panel reads  */
    uint32_t cause_start, cause_end;   /* within the evidence, or 0,0       */
    uint32_t effect_start, effect_end; /* within the evidence, or 0,0       */
    const char *explanation;
} hark_link_result;

/** A number attached to a span, e.g. sentiment "valence" of a sentence. */
typedef struct hark_score_result {
    uint32_t struct_size;
    const char *document;
    const char *name;             /* e.g. "valence"                         */
    uint32_t start, end;
    double value;                 /* -1 ... 1                               */
    const char *explanation;
} hark_score_result;

/**
 * Host-owned result sink. Each callback copies what it needs and returns
 * HARK_OK, or HARK_REJECTED when the result is invalid (the plugin may go
 * on; the host fails the document). Called only during analyze/finish, on
 * the calling thread. The sink, and `host_data`, are valid only until the
 * analyze/finish call that received them returns: never keep them.
 *
 * NULL: a host of ABI 1.x sets every callback of ABI 1.0 (emit_code,
 * emit_concept, emit_link, emit_score, log), whatever the plugin provides.
 * A callback added in a later minor is there only when HARK_HAS_FIELD says
 * so, and may still be NULL: check both before calling it.
 */
typedef struct hark_sink {
    uint32_t struct_size;
    void *host_data;              /* pass back unchanged                    */
    int32_t (*emit_code)(void *host_data, const hark_code_result *result);
    int32_t (*emit_concept)(void *host_data, const hark_concept_result *result);
    int32_t (*emit_link)(void *host_data, const hark_link_result *result);
    int32_t (*emit_score)(void *host_data, const hark_score_result *result);
    /** A diagnostic line for the run log; level 0 debug ... 3 error. */
    void (*log)(void *host_data, int32_t level, const char *message);
} hark_sink;

/** An instance, opaque to the host. */
typedef struct hark_instance hark_instance;

/** The plugin describes itself; a static object, never freed. */
typedef struct hark_plugin_descriptor {
    uint32_t struct_size;         /* sizeof(hark_plugin_descriptor)         */
    uint16_t abi_major;           /* HARK_PLUGIN_ABI_MAJOR                  */
    uint16_t abi_minor;           /* HARK_PLUGIN_ABI_MINOR                  */
    const char *id;               /* reverse-DNS, e.g. "org.hark.themes"    */
    const char *name;             /* human-readable                         */
    const char *version;          /* semantic version, e.g. "1.0.0"         */
    const char *vendor;
    const char *description;      /* one or two sentences                   */
    const char *provides;         /* comma-separated: codes,concepts,links,scores */
    const char *needs;            /* comma-separated: turns,codebook,concepts,corpus
                                     ("corpus": results depend on the whole
                                     corpus, so the host gives one instance
                                     every document, then calls finish)     */
    const char *options_schema;   /* JSON Schema of the options object      */

    /**
     * Create an instance. `options_json` is a JSON object (never NULL, "{}"
     * for defaults), valid for the call. The host has already checked it
     * against `options_schema` (the subset of JSON Schema the SDK's
     * README lists), so what the schema says holds. Returns NULL
     * on failure with a message in `error` (capacity `error_capacity`,
     * NUL-terminated). The instance belongs to the plugin until `close`.
     * Thread: any; may run concurrently with other opens.
     */
    hark_instance *(*open)(const char *options_json, char *error, size_t error_capacity);

    /**
     * Analyse one document; results go to `sink` before returning.
     * `document` and everything it points to are valid for the call only.
     * Returns HARK_OK or HARK_ERROR (message in `error`).
     * Thread: one thread per instance at a time.
     */
    int32_t (*analyze)(hark_instance *instance, const hark_document *document,
                       const hark_sink *sink, char *error, size_t error_capacity);

    /**
     * Corpus-level pass after every document this instance will see; may
     * emit results about any of them. May be NULL when nothing is needed.
     * Thread: one thread per instance at a time.
     */
    int32_t (*finish)(hark_instance *instance, const hark_sink *sink,
                      char *error, size_t error_capacity);

    /** Release the instance; it is not used again. Thread: as analyze. */
    void (*close)(hark_instance *instance);

    /**
     * Optional extensions by string id (as in CLAP); NULL or returning NULL
     * when unknown. The core never has to change to grow. Thread: any.
     */
    const void *(*get_extension)(const char *extension_id);
} hark_plugin_descriptor;

/**
 * The entry point every plugin exports as "hark_plugin_entry". Returns the
 * same static descriptor on every call; never NULL. Thread: any.
 */
typedef const hark_plugin_descriptor *(*hark_plugin_entry_fn)(void);

/*
 * The entry itself, declared so that a plugin's definition must match it.
 * In C++ this declaration gives it C linkage, so a definition without
 * extern "C" still exports the plain name, and one with another signature
 * is a compile error rather than a second, mangled function. A Swift plugin
 * defines it with @_cdecl("hark_plugin_entry"). The host never calls it by
 * name, only through dlsym.
 */
HARK_EXPORT const hark_plugin_descriptor *hark_plugin_entry(void);

#ifdef __cplusplus
}
#endif

#endif /* HARK_PLUGIN_H */
