// The ABI target is header-only; SwiftPM needs one source file to build it.
// Building it also checks, on every build, that the frozen ABI 1.0 sizes in
// the header match the structs: a field added anywhere but at the end, or a
// changed type, breaks the build here instead of every plugin in the field.
#include "hark_plugin.h"

#if UINTPTR_MAX == 0xFFFFFFFFFFFFFFFFu
#define HARK_END(type, field) (offsetof(type, field) + sizeof(((type *)0)->field))
#define HARK_ALIGNED(n, a) (((n) + (a) - 1) / (a) * (a))
_Static_assert(HARK_ALIGNED(HARK_END(hark_speaker, group), 8) == HARK_SPEAKER_SIZE_1_0, "hark_speaker 1.0");
_Static_assert(HARK_ALIGNED(HARK_END(hark_turn, role), 4) == HARK_TURN_SIZE_1_0, "hark_turn 1.0");
_Static_assert(HARK_ALIGNED(HARK_END(hark_code_def, description), 8) == HARK_CODE_DEF_SIZE_1_0, "hark_code_def 1.0");
_Static_assert(
    HARK_ALIGNED(HARK_END(hark_project_context, code_count), 8) == HARK_PROJECT_CONTEXT_SIZE_1_0,
    "hark_project_context 1.0");
_Static_assert(HARK_ALIGNED(HARK_END(hark_document, project), 8) == HARK_DOCUMENT_SIZE_1_0, "hark_document 1.0");
_Static_assert(
    HARK_ALIGNED(HARK_END(hark_code_result, explanation), 8) == HARK_CODE_RESULT_SIZE_1_0, "hark_code_result 1.0");
_Static_assert(
    HARK_ALIGNED(HARK_END(hark_concept_result, explanation), 8) == HARK_CONCEPT_RESULT_SIZE_1_0,
    "hark_concept_result 1.0");
_Static_assert(
    HARK_ALIGNED(HARK_END(hark_link_result, explanation), 8) == HARK_LINK_RESULT_SIZE_1_0, "hark_link_result 1.0");
_Static_assert(
    HARK_ALIGNED(HARK_END(hark_score_result, explanation), 8) == HARK_SCORE_RESULT_SIZE_1_0, "hark_score_result 1.0");
_Static_assert(HARK_ALIGNED(HARK_END(hark_sink, log), 8) == HARK_SINK_SIZE_1_0, "hark_sink 1.0");
_Static_assert(
    HARK_ALIGNED(HARK_END(hark_plugin_descriptor, get_extension), 8) == HARK_PLUGIN_DESCRIPTOR_SIZE_1_0,
    "hark_plugin_descriptor 1.0");
// ABI 1.0 is the current minor: its structs are exactly the frozen sizes.
#if HARK_PLUGIN_ABI_MINOR == 0
_Static_assert(sizeof(hark_link_result) == HARK_LINK_RESULT_SIZE_1_0, "1.0 structs are the 1.0 sizes");
_Static_assert(sizeof(hark_plugin_descriptor) == HARK_PLUGIN_DESCRIPTOR_SIZE_1_0, "1.0 structs are the 1.0 sizes");
#endif
#endif
