# Prints the issue 4 acceptance table (docs/smart-routing.md) from the report.json files in this directory.
# A failing row also shows the report's physical bound for it ("bounds" in report.json, see replay/README.md):
# "out of reach" when the bound itself rules the target out for every policy, else the bound and the gap.
import json,statistics as st,sys
import os
base=sys.argv[1] if len(sys.argv)>1 else os.path.dirname(os.path.abspath(__file__))
def rows(w):
    r=json.load(open(f'{base}/{w}/report.json'))
    return {(x['policy'],x['load']):x for x in r['summary']}, r
def g(R,p,l,k):
    return R[(p,l)][k]
out=[]
def crit(name,ok,txt,note=None): out.append(f"| {name} | {'PASS' if ok else 'FAIL'} | {txt}{'' if ok or not note else '; ' + note} |")
def bound(r,l):
    for b in r.get('bounds',[]):
        if b['load']==l: return b
    return None
def ttft_note(r,l,target):
    b=bound(r,l)
    if b is None: return None
    f=b['ttft_p90_floor_ms']; e=b['ttft_p90_at_replay_hits_ms']
    if f>target: return f"out of reach: p90 TTFT floor {f:.1f} ms > target {target:.1f} ms"
    return (f"target {target:.1f} ms; p90 TTFT floor {f:.1f} ms (infinite prefix cache) does not rule it out;"
            f" estimate at the cache-replay bound's hits {e:.1f} ms")
def ceiling_note(r,l,key,target,unit):
    b=bound(r,l)
    if b is None: return None
    c=b[key]; d=0 if unit=='tok/s' else 2
    if c<target: return f"out of reach: ceiling {c:.{d}f} {unit} < target {target:.{d}f} {unit} (at most {c/target*1.5:.2f}x RR for any policy)"
    return f"target {target:.{d}f} {unit}; ceiling {c:.{d}f} {unit}"
for w,key in [('shared-prefix','shared-prefix'),('mooncake','mooncake')]:
    R,r=rows(w)
    s90=g(R,'smart',0.9,'ttft_p90_ms'); rr90=g(R,'round-robin',0.9,'ttft_p90_ms'); lo90=g(R,'least-outstanding',0.9,'ttft_p90_ms')
    crit(f"{key}: p90 TTFT <= 1/5 RR", s90<=rr90/5, f"smart {s90:.1f} ms vs RR {rr90:.1f} ms ({rr90/s90:.2f}x lower)", ttft_note(r,0.9,rr90/5))
    crit(f"{key}: p90 TTFT <= 1/2 LO", s90<=lo90/2, f"smart {s90:.1f} vs LO {lo90:.1f} ms ({lo90/s90:.2f}x)", ttft_note(r,0.9,lo90/2))
    hr=g(R,'smart',0.9,'prefix_hit_rate'); b=r['hit_rate_bound']
    crit(f"{key}: hit rate >= 90% of bound", hr>=0.9*b, f"{hr:.3f} vs bound {b:.3f} ({100*hr/b:.0f}%)")
    mm=g(R,'smart',0.9,'max_mean_load'); crit(f"{key}: max/mean <= 1.2", mm<=1.2, f"{mm:.3f}")
    for l in (0.9,1.2):
        a=g(R,'smart',l,'goodput_rps'); c=g(R,'round-robin',l,'goodput_rps')
        crit(f"{key}: goodput >= 1.5x RR (load {l})", a>=1.5*c, f"{a:.2f} vs {c:.2f} req/s ({a/c:.2f}x)",
             ceiling_note(r,l,'requests_per_s_ceiling',1.5*c,'req/s'))
    m=g(R,'smart',0.9,'ttft_mape'); t=g(R,'smart',0.9,'tpot_mape')
    crit(f"{key}: TTFT MAPE <= 15%", m<=0.15, f"{100*m:.1f}% (TPOT MAPE {100*t:.1f}%)")
R,r=rows('b2b')
for l in (0.9,1.5):
    a=g(R,'smart',l,'ttft_p90_ms'); c=g(R,'round-robin',l,'ttft_p90_ms')
    crit(f"b2b: p90 TTFT >= 10x lower than RR (load {l})", c>=10*a, f"{a:.1f} vs {c:.1f} ms ({c/a:.2f}x)", ttft_note(r,l,c/10))
    a=g(R,'smart',l,'output_tokens_per_s'); c=g(R,'round-robin',l,'output_tokens_per_s')
    crit(f"b2b: output throughput >= 1.5x RR (load {l})", a>=1.5*c, f"{a:.0f} vs {c:.0f} tok/s ({a/c:.2f}x)",
         ceiling_note(r,l,'output_tokens_per_s_ceiling',1.5*c,'tok/s'))
m=g(R,'smart',0.9,'ttft_mape'); t=g(R,'smart',0.9,'tpot_mape'); crit("b2b: TTFT MAPE <= 15%", m<=0.15, f"{100*m:.1f}% (TPOT {100*t:.1f}%)")
R,r=rows('multiturn')
a=g(R,'smart',0.9,'ttft_p50_ms'); c=g(R,'least-outstanding',0.9,'ttft_p50_ms')
crit("multiturn: p50 TTFT >= 2x lower than LO", c>=2*a, f"{a:.1f} vs {c:.1f} ms ({c/a:.2f}x)")
m=g(R,'smart',0.9,'ttft_mape'); t=g(R,'smart',0.9,'tpot_mape'); crit("multiturn: TTFT MAPE <= 15%", m<=0.15, f"{100*m:.1f}% (TPOT {100*t:.1f}%)")
for w in ('azure-conv','sharegpt-poisson'):
    R,r=rows(w)
    a=g(R,'smart',0.9,'ttft_p99_ms'); lo=g(R,'least-outstanding',0.9,'ttft_p99_ms'); rr=g(R,'round-robin',0.9,'ttft_p99_ms')
    crit(f"{w}: p99 TTFT within 5% of LO", a<=1.05*lo, f"smart {a:.1f} vs LO {lo:.1f} ms")
    crit(f"{w}: p99 TTFT better than RR", a<rr, f"smart {a:.1f} vs RR {rr:.1f} ms")
    m=g(R,'smart',0.9,'ttft_mape'); t=g(R,'smart',0.9,'tpot_mape'); crit(f"{w}: TTFT MAPE <= 15%", m<=0.15, f"{100*m:.1f}% (TPOT {100*t:.1f}%)")
R,r=rows('one-system-prompt')
mm=g(R,'smart',0.9,'max_mean_load'); crit("one-system-prompt: no replica > 1.3x mean", mm<=1.3, f"max/mean {mm:.3f}")
m=g(R,'smart',0.9,'ttft_mape'); t=g(R,'smart',0.9,'tpot_mape'); crit("one-system-prompt: TTFT MAPE <= 15%", m<=0.15, f"{100*m:.1f}% (TPOT {100*t:.1f}%)")
R,r=rows('sharegpt-gamma4')
a=g(R,'smart',0.9,'ttft_p99_ms'); lo=g(R,'least-outstanding',0.9,'ttft_p99_ms')
crit("sharegpt gamma cv=4: p99 TTFT <= LO", a<=lo, f"smart {a:.1f} vs LO {lo:.1f} ms")
m=g(R,'smart',0.9,'ttft_mape'); t=g(R,'smart',0.9,'tpot_mape'); crit("sharegpt gamma: TTFT MAPE <= 15%", m<=0.15, f"{100*m:.1f}% (TPOT {100*t:.1f}%)")
print("\n".join(out))
