#include "hark_plugin.h"
