// The ABI target is header-only; SwiftPM needs one source file to build it.
#include "hark_plugin.h"
