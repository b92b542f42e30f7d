import json

Q=[]
def a(doc,t,q,ans,nk=None):
    d={"id":f"n{len(Q)+1:03d}","question":q,"answers":ans,"doc":doc,"type":t}
    if nk: d["near_kind"]=nk
    Q.append(d)
N8='libnettle8/libnettle8-3.8.txt'
a(N8,'role_binding','Who contributed the AES keywrap support in Nettle 3.8?',['Nicolas Mora'])
a(N8,'role_binding','Nettle 3.8 added the SM3 hash function - who contributed it?',['Tianjia Zhang'])
a(N8,'user_context','In the 2022 Nettle 3.8 release, who wrote the new ARM64 and s390x implementations?',['Mamone Tarsha'])
a(N8,'factoid','what is the soname of libhogweed in nettle 3.8',['libhogweed.so.6'])
a(N8,'near_miss','Who contributed the BLAKE2 hash function to Nettle 3.8?',[],'entity_swap')
a(N8,'near_miss','On what date was Nettle 3.8 released?',[],'attribute_not_given')
X='xz-utils/xz-utils-5.4.0.txt'
a(X,'factoid','Which xz option enables the ARM64 filter that became stable in 5.4.0?',['--arm64'])
a(X,'role_binding','For which language were man page translations newly added (not just updated) in XZ Utils 5.4.0?',['Romanian'])
a(X,'factoid','What is the name of the threaded .xz decompressor function added to liblzma?',['lzma_stream_decoder_mt()','lzma_stream_decoder_mt'])
a(X,'paraphrase','Which liblzma decoder flag makes the multithreaded decompressor report errors right away?',['LZMA_FAIL_FAST'])
a(X,'near_miss','How big is liblzma in total after the CLMUL change in xz 5.4.0?',[],'quantity_variant')
M='make/make-4.3.txt'
a(M,'factoid','When did GNU make 4.3 come out?',['19 Jan 2020'])
a(M,'paraphrase','To check whether make handles # inside function calls the new way, what word do you look for in .FEATURES?',['nocomment'])
a('make/make-4.2.txt','near_miss','When was GNU make 4.4 released?',[],'entity_swap')
a('man-db/man-db-2.11.0.txt','factoid','Which man-db config directive now overrides MINCATWIDTH and MAXCATWIDTH?',['CATWIDTH'])
E='e2fsprogs/e2fsprogs-1.47.0.txt'
a(E,'role_binding','Which Linux kernel version first supported the orphan_file feature?',['v5.15'])
a(E,'role_binding','In which kernel did support for setting a mounted file system\'s UUID via ioctl land?',['v6.0'])
a(E,'role_binding','Which kernel version got support for setting the file system label through an ioctl?',['v5.17'])
a(E,'paraphrase','What mke2fs extended option tells it the device is already zeroed so it can skip zeroing the journal and inode tables?',['assume_storage_prezeroed'])
a(E,'near_miss','Which kernel version first supports the assume_storage_prezeroed option?',[],'attribute_not_given')
a(E,'near_miss','Which features does mke2fs in e2fsprogs 1.47.0 now turn off by default?',[],'negation')
T='tar/tar-1.34.txt'
a(T,'factoid','Who put out GNU tar 1.34?',['Sergey Poznyakoff'])
a(T,'number','What savannah bug number was the tar 1.34 fix for extraction over a pipe?',['60002','#60002'])
a(T,'near_miss','What CVE number was assigned to the read_header memory leak fixed in tar 1.34?',[],'attribute_not_given')
a('tar/tar-1.34.txt','near_miss','Who released GNU tar 1.35?',[],'entity_swap')
O='debian-news/openssh-client.txt'
a(O,'factoid','What new ssh_config option in OpenSSH 9.2 controls the ~C escape command line?',['EnableEscapeCommandline'])
a(O,'number','Since which OpenSSH version does sftp-server support the expand-path extension?',['OpenSSH 8.7','8.7'])
a(O,'paraphrase','What protocol does scp use by default starting with OpenSSH 9.0?',['SFTP protocol','SFTP'])
a(O,'factoid','Who wrote the Debian upgrade notes for OpenSSH 9.1?',['Colin Watson'])
a(O,'near_miss','Which key type does ssh-keygen -A start generating in OpenSSH 9.1?',[],'negation')
a(O,'near_miss','Which new ssh_config option was introduced in OpenSSH 9.3?',[],'entity_swap')
TM='debian-news/tmux.txt'
a(TM,'role_binding','tmux 1.9 changed the server protocol version - to what number?',['8','from 7 to 8'])
a(TM,'factoid','Who signs the tmux upgrade notices in Debian?',['Romain Francoise'])
a('debian-news/postgresql-common.txt','factoid','What is the systemd service name pattern created for each PostgreSQL cluster?',['postgresql@<version>-<name>'])
D='debian-news/dash.txt'
a(D,'paraphrase','How can I see which shell /bin/sh currently points to?',["readlink /bin/sh"])
a(D,'factoid','What command changes the default system shell setting for dash?',['dpkg-reconfigure dash'])
a(D,'near_miss','How is /bin/sh automatically switched to dash when an existing installation is upgraded?',[],'negation')
P='debian-news/patch.txt'
a(P,'role_binding','In patch 2.6, what option replaced -U / --unified-reject-files?',['--reject-format=format','--reject-format'])
a(P,'role_binding','What did --global-reject-file become a synonym for in patch 2.6?',['--reject-file=file','--reject-file'])
G='debian-news/git.txt'
a(G,'role_binding','Where do gitweb and git daemon look for repositories by default since git 1.8.4 on Debian?',['/var/lib/git'])
a(G,'role_binding','What is the new default push semantics planned for Git 2.0?',['"simple"','simple'])
PP='debian-news/python3-pip-whl.txt'
a(PP,'factoid','Which flag lets pip install packages outside a virtualenv despite PEP 668 on Debian?',['--break-system-packages'])
a(PP,'factoid','Who announced PEP 668 support in Debian\'s pip package?',['Stefano Rivera'])
a('debian-news/vim-common.txt','factoid','What variable do you set to stop vim loading defaults.vim?',['g:skip_defaults_vim'])
AD='debian-news/adduser.txt'
a(AD,'paraphrase','What is adduser\'s --gecos option being renamed to?',['--comment'])
a(AD,'role_binding','Which bug report should QUOTAUSER users write to?',['#1026898','1026898'])
a('grep/grep-3.5.txt','paraphrase','How is the binary file notice worded in grep now?',['grep: FOO: binary file matches'])
a('grep/grep-3.5.txt','near_miss','How many command-line options were renamed in grep 3.5?',[],'counted_noun_swap')
a('grep/grep-3.7.txt','factoid','Which Windows-only grep option now triggers a warning?',['--unix-byte-offsets','-u'])
a('grep/grep-3.8.txt','factoid','Which library is grep -P now based on?',['PCRE2'])
a('grep/grep-3.8.txt','paraphrase',"What should I set instead of GREP_COLOR='xxx'?",["GREP_COLORS='mt=xxx'"])
GP='gnupg/gnupg-2.2.40.txt'
a(GP,'factoid','In de-vs mode, which cipher does gpg 2.2.40 now use as the implicit preference?',['AES-128'])
a(GP,'factoid','What is the new dirmngr LDAP server flag for A-record-only?',['"areconly"','areconly'])
a('gnupg/gnupg-2.2.21.txt','number','By how much did gpg 2.2.21 speed up symmetric decryption?',['about 25%','25%'])
a('gnupg/gnupg-2.2.21.txt','near_miss','By how much did gpg 2.2.21 speed up public-key encryption?',[],'quantity_variant')
L6='libc6/libc6-2.36.txt'
a(L6,'factoid','Which resolver option suppresses AAAA queries in glibc 2.36?',['no-aaaa','“no-aaaa”'])
a(L6,'user_context','In glibc 2.36 from 2022, which new function lets a caller release the memory of a dying process?',['process_mrelease'])
a(L6,'near_miss','When was glibc 2.36 released?',[],'attribute_not_given')
L5='libc6/libc6-2.35.txt'
a(L5,'factoid','Which Unicode version does glibc 2.35 support?',['Unicode 14.0.0','14.0.0'])
a(L5,'factoid','Who contributed the generator scripts for the Unicode tables in glibc 2.35?',['Mike FABIAN'])
a(L5,'number','How big is the full C.UTF-8 locale in glibc 2.35?',['~400KiB','400KiB'])
a(L5,'near_miss','How much of the C.UTF-8 locale size comes from LC_COLLATE data?',[],'quantity_variant')
F='findutils/findutils-4.9.0.txt'
a(F,'factoid','What new find option reads starting points from a NUL-separated file?',['-files0-from'])
a(F,'factoid','Which fuse-mounted filesystems does updatedb skip by default now?',['s3fs'])
a(F,'near_miss','Which fuse-mounted filesystems does updatedb in findutils 4.9.0 now index by default?',[],'negation')
a('strace/strace-6.0.txt','factoid','When was strace 6.0 released?',['2022-10-29'])
a('libnettle8/libnettle8-3.7.txt','user_context','In the 2021 Nettle 3.7 release, who contributed bcrypt support?',['Stephen R. van den Berg'])
a('libnettle8/libnettle8-3.7.txt','role_binding','On a Power9 machine, what speedup did Nettle 3.7 measure for Chacha?',['3.5'])
S2='systemd/systemd-252.txt'
a(S2,'paraphrase','When does systemd intend to drop cgroup v1 support?',['end of 2023'])
a(S2,'near_miss','How many new unit types did systemd 252 introduce?',[],'counted_noun_swap')
a(S2,'near_miss','Who was the release manager for systemd 252?',[],'attribute_not_given')
S6='systemd/systemd-246.txt'
a(S6,'number','How many new specifiers did systemd 246 teach configuration files?',['six'])
a(S6,'near_miss','How many new error names does sd-bus expose in systemd 246?',[],'counted_noun_swap')
a(S6,'near_miss','What inode limit does systemd 246 apply to the /tmp tmpfs?',[],'quantity_variant')
a('debian-news/libnss-systemd.txt','near_miss','How many new system calls did Linux 4.14 introduce according to the systemd note?',[],'counted_noun_swap')
C9='coreutils/coreutils-9.0.txt'
a(C9,'role_binding','How much faster is wc in coreutils 9.0 when only counting newlines?',['up to 5 times','5 times'])
a(C9,'role_binding','With pclmul support, how much faster is cksum -a crc in coreutils 9.0?',['at least 8 times','8 times'])
a('coreutils/coreutils-8.18.txt','number','What is the most physical memory sort allocates by default since coreutils 8.18?',['75%'])
a('coreutils/coreutils-8.22.txt','near_miss','By how much did sha256sum throughput improve with libcrypto in coreutils 8.22?',[],'quantity_variant')
a('grep/grep-2.17.txt','role_binding','How much faster is grep -i in a multibyte locale in grep 2.17?',['typically 10 times faster','10 times'])
AP='debian-news/apt-transport-https.txt'
a(AP,'number','How far in the future may a Release file date be by default in APT 1.6?',['10 seconds'])
a(AP,'factoid','Who signed the APT 1.6~beta1 note about Release file dates?',['Julian Andres Klode'])
a('libnettle8/libnettle8-3.6.txt','user_context','Nettle 3.6 came out in 2020 - who contributed its CMAC64 support?',['Dmitry Baryshkov'])
with open('questions.jsonl','w') as f:
    for d in Q: f.write(json.dumps(d,ensure_ascii=False)+'\n')
print(len(Q))
