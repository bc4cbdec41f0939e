import { run } from "./runtime";
import { serve } from "./serve";

run(() => serve("start"));
