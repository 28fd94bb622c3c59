"""Run every benchmark script in bench/ in turn and print their figures."""
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
failed = 0
for script in sorted(HERE.glob("bench_*.py")):
    print(f"== {script.name}", flush=True)
    failed |= subprocess.call([sys.executable, str(script)], cwd=HERE.parent) != 0
sys.exit(failed)
