import gzip
import hashlib
import os
import re
import subprocess

D='/usr/share/doc'; OUT='corpus'
specs = {
 'grep': ('NEWS.gz', r'^\* Noteworthy changes in release', 30),
 'coreutils': ('NEWS.gz', r'^\* Noteworthy changes in release', 25),
 'findutils': ('NEWS.gz', r'^\* (Noteworthy|Major) changes in release', 20),
 'tar': ('NEWS.gz', r'^version \d', 20),
 'gnupg': ('NEWS.gz', r'^Noteworthy changes in version', 30),
 'libnettle8': ('NEWS.gz', r'^NEWS for the (Nettle )?[\d.]+ release', 20),
 'xz-utils': ('NEWS.gz', r'^\d+\.\d+\.\d+ \(\d{4}', 25),
 'strace': ('NEWS.gz', r'^Noteworthy changes in release', 25),
 'man-db': ('NEWS.md.gz', r'^man-db \d', 25),
 'e2fsprogs': ('NEWS.gz', r'^E2fsprogs \d', 25),
 'make': ('NEWS.gz', r'^Version \d', 12),
 'libc6': ('NEWS.gz', r'^Version 2\.\d+', 12),
 'systemd': ('NEWS.gz', r'^CHANGES WITH \d+', 12),
}
def rd(p):
    return (gzip.open(p,'rt',errors='replace') if p.endswith('.gz') else open(p,errors='replace')).read()
n=0; tot=0; seen=set()
for pkg,(fn,rx,cap) in specs.items():
    t=rd(os.path.join(D,pkg,fn)); lines=t.split('\n')
    idx=[i for i,l in enumerate(lines) if re.match(rx,l)]
    os.makedirs(f'{OUT}/{pkg}',exist_ok=True); k=0
    for j,s in enumerate(idx[:cap]):
        e=idx[j+1] if j+1<len(idx) else len(lines)
        sec='\n'.join(lines[s:e]).strip()+'\n'
        if len(sec)<250: continue
        head=lines[s]
        ver=re.search(r'\d+(\.\d+)*',head.replace('2.2.','2.2.') if pkg!='libnettle8' else head)
        ver = ver.group(0) if ver else str(j)
        name=f'{OUT}/{pkg}/{pkg}-{ver}.txt'
        if os.path.exists(name): name=name[:-4]+f'-{j}.txt'
        open(name,'w').write(sec); n+=1; tot+=len(sec.encode()); k+=1
    print(pkg,len(idx),k)
os.makedirs(f'{OUT}/debian-news',exist_ok=True)
import glob

for p in sorted(glob.glob(D+'/*/NEWS.Debian.gz')):
    t=rd(p); h=hashlib.md5(t.encode()).hexdigest()
    if h in seen or len(t)<400: continue
    seen.add(h); pkg=p.split('/')[-2]
    open(f'{OUT}/debian-news/{pkg}.txt','w').write(t); n+=1; tot+=len(t.encode())
print(n,tot)
