/* A plugin built for another ABI minor than the host's, compiled by the
 * tests with `cc -shared` and one of:
 *   OLD_1_0   its structs are its own frozen copies of ABI 1.0's, with the
 *             header's HARK_*_SIZE_1_0 sizes, whatever minor the header is
 *             at now: what a plugin built years ago sends a newer host.
 *   NEWER     its structs are ABI 1.0's with fields added at the end, and
 *             its descriptor says minor 9: what a plugin built for a later
 *             minor sends this host.
 * Either way analyze emits one result of each kind with known values
 * (spans 0..4), and reads the host's turns by their struct_size. */
#include <stddef.h>
#include <string.h>
#include "hark_plugin.h"

/* ABI 1.0's structs as they were, for every struct the plugin fills. */
typedef struct {
    uint32_t struct_size; const char *document; const char *code;
    uint32_t start, end; double confidence; const char *explanation;
#ifdef NEWER
    double future_weight; const char *future_note;
#endif
} code_result;

typedef struct {
    uint32_t struct_size; const char *document; const char *label;
    uint32_t start, end; double confidence; const char *explanation;
#ifdef NEWER
    double future_weight;
#endif
} concept_result;

typedef struct {
    uint32_t struct_size; const char *document; const char *cause; const char *effect;
    int32_t polarity; double strength; double confidence;
    uint32_t start, end, cause_start, cause_end, effect_start, effect_end;
    const char *explanation;
#ifdef NEWER
    uint32_t future_lag_days; const char *future_note;
#endif
} link_result;

typedef struct {
    uint32_t struct_size; const char *document; const char *name;
    uint32_t start, end; double value; const char *explanation;
#ifdef NEWER
    double future_spread;
#endif
} score_result;

typedef int32_t (*emit_fn)(void *, const void *);
typedef struct {
    uint32_t struct_size; uint16_t abi_major, abi_minor;
    const char *id, *name, *version, *vendor, *description, *provides, *needs, *options_schema;
    hark_instance *(*open)(const char *, char *, size_t);
    int32_t (*analyze)(hark_instance *, const hark_document *, const hark_sink *, char *, size_t);
    int32_t (*finish)(hark_instance *, const hark_sink *, char *, size_t);
    void (*close)(hark_instance *);
    const void *(*get_extension)(const char *);
#ifdef NEWER
    const char *future_homepage;
    int32_t (*future_call)(hark_instance *);
#endif
} descriptor_type;

#ifdef OLD_1_0
_Static_assert(sizeof(code_result) == HARK_CODE_RESULT_SIZE_1_0, "1.0 code result");
_Static_assert(sizeof(concept_result) == HARK_CONCEPT_RESULT_SIZE_1_0, "1.0 concept result");
_Static_assert(sizeof(link_result) == HARK_LINK_RESULT_SIZE_1_0, "1.0 link result");
_Static_assert(sizeof(score_result) == HARK_SCORE_RESULT_SIZE_1_0, "1.0 score result");
_Static_assert(sizeof(descriptor_type) == HARK_PLUGIN_DESCRIPTOR_SIZE_1_0, "1.0 descriptor");
#define MINOR 0
#else
_Static_assert(sizeof(code_result) > HARK_CODE_RESULT_SIZE_1_0, "longer code result");
_Static_assert(sizeof(descriptor_type) > HARK_PLUGIN_DESCRIPTOR_SIZE_1_0, "longer descriptor");
#define MINOR 9
#endif

struct hark_instance { int unused; };
static struct hark_instance the_instance;

static hark_instance *open_instance(const char *options, char *error, size_t cap) {
    (void)options; (void)error; (void)cap;
    return &the_instance;
}

static int32_t analyze(hark_instance *inst, const hark_document *doc, const hark_sink *sink, char *error, size_t cap) {
    (void)inst; (void)error; (void)cap;
    /* The first participant turn, stepping by the host's struct_size. */
    uint32_t start = 0;
    const char *base = (const char *)doc->turns;
    for (size_t i = 0; i < doc->turn_count; i++) {
        const hark_turn *turn = (const hark_turn *)(base + i * doc->turns[0].struct_size);
        if (turn->role == HARK_ROLE_PARTICIPANT) { start = turn->start; break; }
    }
    uint32_t end = start + 4;

    code_result code;
    memset(&code, 0, sizeof code);
    code.struct_size = sizeof code; code.code = "old code"; code.start = start; code.end = end;
    code.confidence = 0.25; code.explanation = "a code";
    concept_result concept;
    memset(&concept, 0, sizeof concept);
    concept.struct_size = sizeof concept; concept.label = "old concept"; concept.start = start; concept.end = end;
    concept.confidence = 0.5; concept.explanation = "a concept";
    link_result link;
    memset(&link, 0, sizeof link);
    link.struct_size = sizeof link; link.cause = "cause"; link.effect = "effect"; link.polarity = -1;
    link.strength = 0.75; link.confidence = 0.125; link.start = start; link.end = end;
    link.cause_start = start; link.cause_end = start + 1; link.effect_start = start + 2; link.effect_end = end;
    link.explanation = "a link";
    score_result score;
    memset(&score, 0, sizeof score);
    score.struct_size = sizeof score; score.name = "valence"; score.start = start; score.end = end;
    score.value = -0.5; score.explanation = "a score";
#ifdef NEWER
    code.future_weight = 99; code.future_note = "not for this host";
    concept.future_weight = 99;
    link.future_lag_days = 7; link.future_note = "not for this host";
    score.future_spread = 99;
#endif
    ((emit_fn)sink->emit_code)(sink->host_data, &code);
    ((emit_fn)sink->emit_concept)(sink->host_data, &concept);
    ((emit_fn)sink->emit_link)(sink->host_data, &link);
    ((emit_fn)sink->emit_score)(sink->host_data, &score);
    return HARK_OK;
}

static void close_instance(hark_instance *inst) { (void)inst; }

static const descriptor_type descriptor = {
    .struct_size = sizeof(descriptor_type),
    .abi_major = HARK_PLUGIN_ABI_MAJOR,
    .abi_minor = MINOR,
    .id = "org.hark.test.abi-versions",
    .name = "ABI versions (test)",
    .version = "1.0.0",
    .vendor = "Hark tests",
    .description = "Sends results in structs of another ABI minor.",
    .provides = HARK_PROVIDES_CODES "," HARK_PROVIDES_CONCEPTS "," HARK_PROVIDES_LINKS "," HARK_PROVIDES_SCORES,
    .needs = HARK_NEEDS_TURNS,
    .options_schema = "{\"type\":\"object\"}",
    .open = open_instance,
    .analyze = analyze,
    .finish = NULL,
    .close = close_instance,
    .get_extension = NULL,
#ifdef NEWER
    .future_homepage = "https://example.org",
    .future_call = NULL,
#endif
};

HARK_EXPORT const hark_plugin_descriptor *hark_plugin_entry(void) {
    return (const hark_plugin_descriptor *)(const void *)&descriptor;
}
