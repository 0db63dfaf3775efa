<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ur_PK" sourcelanguage="en">
    <context>
        <name />
        <message numerus="yes">
            <source>Imported {n} page(s) as pages {first}–{last}.</source>
            <translation>
                <numerusform>⁦{n}⁩ صفحہ درآمد ہو گیا، صفحہ نمبر ⁦{first}⁩ تا ⁦{last}⁩۔</numerusform>
                <numerusform>⁦{n}⁩ صفحات درآمد ہو گئے، صفحہ نمبر ⁦{first}⁩ تا ⁦{last}⁩۔</numerusform>
            </translation>
        </message>
        <message>
            <source>No new pages were imported.</source>
            <translation>کوئی نیا صفحہ درآمد نہیں ہوا۔</translation>
        </message>
        <message>
            <source>Skipped {name}: the same image is already page {page} of {register}.</source>
            <translation>چھوڑ دی گئی: ⁦{name}⁩، یہی تصویر پہلے سے {register} کا صفحہ ⁦{page}⁩ ہے۔</translation>
        </message>
        <message>
            <source>Not imported: {msg}</source>
            <translation>درآمد نہیں ہوا: {msg}</translation>
        </message>
        <message numerus="yes">
            <source>The import was stopped: {n} listed file(s) were not imported and are still in the list; press Import to import them.</source>
            <translation>
                <numerusform>درآمد روک دی گئی: فہرست کی ⁦{n}⁩ فائل درآمد نہیں ہوئی اور ابھی فہرست میں ہے؛ اسے درآمد کرنے کے لیے «درآمد کریں» دبائیں۔</numerusform>
                <numerusform>درآمد روک دی گئی: فہرست کی ⁦{n}⁩ فائلیں درآمد نہیں ہوئیں اور ابھی فہرست میں ہیں؛ انہیں درآمد کرنے کے لیے «درآمد کریں» دبائیں۔</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>AboutDialog</name>
        <message>
            <source>About Daftar</source>
            <translation>دفتر کے بارے میں</translation>
        </message>
        <message>
            <source>yes</source>
            <translation>ہاں</translation>
        </message>
        <message>
            <source>no</source>
            <translation>نہیں</translation>
        </message>
        <message>
            <source>Daftar {version}: land revenue registers, digitised offline first.</source>
            <translation>دفتر {version}: مال کے رجسٹروں کی ڈیجیٹل نقل، انٹرنیٹ کے بغیر بھی۔</translation>
        </message>
        <message>
            <source>Workspace: {path}</source>
            <translation>ورک اسپیس: ⁦{path}⁩</translation>
        </message>
        <message>
            <source>Encrypted: {answer}</source>
            <translation>خفیہ کاری: {answer}</translation>
        </message>
        <message>
            <source>Runs on: {versions}</source>
            <translation>چلتا ہے: {versions}</translation>
        </message>
        <message>
            <source>Daftar carries the work of others under their own licences: Qt (LGPL-3.0), Tesseract and its Urdu and English data (Apache-2.0), the Noto Urdu fonts (OFL-1.1), and the Python packages it needs. Its number models were trained in part on the MNIST handwritten digits (CC-BY-SA-3.0).</source>
            <translation>دفتر میں دوسروں کا کام بھی شامل ہے، ہر ایک اپنے لائسنس کے تحت: Qt ‏(LGPL-3.0)، Tesseract اور اس کا اردو اور انگریزی ڈیٹا ‏(Apache-2.0)، نوٹو اردو فونٹ ‏(OFL-1.1)، اور وہ Python پیکیج جن کی اسے ضرورت ہے۔ اس کے نمبر پڑھنے والے ماڈل کچھ حد تک MNIST کے ہاتھ سے لکھے ہندسوں ‏(CC-BY-SA-3.0) پر سکھائے گئے۔</translation>
        </message>
        <message>
            <source>Third-party software and licences…</source>
            <translation>دوسروں کے سافٹ ویئر اور ان کے لائسنس…</translation>
        </message>
    </context>
    <context>
        <name>AuditModel</name>
        <message>
            <source>Row added</source>
            <translation>سطر شامل کی</translation>
        </message>
        <message>
            <source>Row deleted</source>
            <translation>سطر حذف کی</translation>
        </message>
        <message>
            <source>Row moved</source>
            <translation>سطر منتقل کی</translation>
        </message>
        <message>
            <source>Row restored</source>
            <translation>سطر بحال کی</translation>
        </message>
        <message>
            <source>New version of an entry</source>
            <translation>اندراج کا نیا نسخہ</translation>
        </message>
        <message>
            <source>Submitted for review</source>
            <translation>پڑتال کے لیے پیش کیا</translation>
        </message>
        <message>
            <source>Withdrawn from review</source>
            <translation>پڑتال سے واپس لیا</translation>
        </message>
        <message>
            <source>Sent back for correction</source>
            <translation>درستی کے لیے واپس بھیجا</translation>
        </message>
        <message>
            <source>Approved</source>
            <translation>منظور کیا</translation>
        </message>
        <message>
            <source>Verified</source>
            <translation>تصدیق کی</translation>
        </message>
        <message>
            <source>Put in a batch</source>
            <translation>بیچ میں شامل کیا</translation>
        </message>
        <message>
            <source>Taken out of a batch</source>
            <translation>بیچ سے نکالا</translation>
        </message>
        <message>
            <source>Sent to the server</source>
            <translation>سرور کو بھیجا</translation>
        </message>
        <message>
            <source>Accepted by the server</source>
            <translation>سرور نے قبول کیا</translation>
        </message>
        <message>
            <source>Rejected by the server</source>
            <translation>سرور نے رد کیا</translation>
        </message>
        <message>
            <source>Value entered</source>
            <translation>قدر درج کی</translation>
        </message>
        <message>
            <source>Page added</source>
            <translation>صفحہ شامل کیا</translation>
        </message>
        <message>
            <source>Page moved to another register</source>
            <translation>صفحہ دوسرے رجسٹر میں منتقل کیا</translation>
        </message>
        <message>
            <source>Register created</source>
            <translation>رجسٹر بنایا</translation>
        </message>
        <message>
            <source>New edition of a register</source>
            <translation>رجسٹر کی نئی جلد</translation>
        </message>
        <message>
            <source>User created</source>
            <translation>صارف بنایا</translation>
        </message>
        <message>
            <source>User disabled</source>
            <translation>صارف غیر فعال کیا</translation>
        </message>
        <message>
            <source>User enabled</source>
            <translation>صارف فعال کیا</translation>
        </message>
        <message>
            <source>Password reset</source>
            <translation>پاس ورڈ دوبارہ مقرر کیا</translation>
        </message>
        <message>
            <source>Password changed</source>
            <translation>پاس ورڈ تبدیل کیا</translation>
        </message>
        <message>
            <source>Signed in</source>
            <translation>داخل ہوئے</translation>
        </message>
        <message>
            <source>Failed sign-in</source>
            <translation>ناکام سائن اِن</translation>
        </message>
        <message>
            <source>New password set with the recovery code</source>
            <translation>بحالی کوڈ سے نیا پاس ورڈ لگایا</translation>
        </message>
        <message>
            <source>New recovery code made</source>
            <translation>نیا بحالی کوڈ بنایا</translation>
        </message>
        <message>
            <source>Office settings changed</source>
            <translation>دفتر کی ترتیبات تبدیل کیں</translation>
        </message>
        <message>
            <source>Office enrolled with the server</source>
            <translation>دفتر سرور پر درج ہوا</translation>
        </message>
        <message>
            <source>Server CA bundle changed</source>
            <translation>سرور کی CA فائل بدلی گئی</translation>
        </message>
        <message>
            <source>Batch sealed</source>
            <translation>بیچ مہر بند کیا</translation>
        </message>
        <message>
            <source>Held-back entries sent again</source>
            <translation>روکے گئے اندراج دوبارہ بھیجے</translation>
        </message>
        <message>
            <source>Batch refused by the server</source>
            <translation>سرور نے بیچ رد کیا</translation>
        </message>
        <message>
            <source>Batch acknowledged by the server</source>
            <translation>سرور نے بیچ کی وصولی کی تصدیق کی</translation>
        </message>
        <message>
            <source>Batch sent again: the server no longer held it</source>
            <translation>بیچ دوبارہ بھیجا گیا: سرور کے پاس یہ اب موجود نہیں تھا</translation>
        </message>
        <message>
            <source>The server no longer has decisions held here</source>
            <translation>سرور کے پاس یہاں موجود فیصلے اب نہیں رہے</translation>
        </message>
        <message>
            <source>Compared with what the server holds: entries it lost sent again</source>
            <translation>سرور کے پاس موجود اندراجات سے موازنہ: جو اس سے ضائع ہوئے وہ دوبارہ بھیجے گئے</translation>
        </message>
        <message>
            <source>Conflict settled by a new version</source>
            <translation>نئے نسخے سے ٹکراؤ حل ہوا</translation>
        </message>
        <message>
            <source>Conflict settled: the server's copy taken</source>
            <translation>ٹکراؤ طے ہوا: سرور کی نقل لی گئی</translation>
        </message>
        <message>
            <source>Backup of the workspace written</source>
            <translation>ورک اسپیس کا بیک اپ لکھا گیا</translation>
        </message>
        <message>
            <source>Workspace restored from a backup</source>
            <translation>ورک اسپیس بیک اپ سے بحال کی گئی</translation>
        </message>
        <message>
            <source>register id {id}</source>
            <translation>رجسٹر، شناخت ⁦{id}⁩</translation>
        </message>
        <message>
            <source>page id {id}</source>
            <translation>صفحہ، شناخت ⁦{id}⁩</translation>
        </message>
    </context>
    <context>
        <name>AuditViewer</name>
        <message>
            <source>(everyone)</source>
            <translation>(سب صارفین)</translation>
        </message>
        <message>
            <source>(every register)</source>
            <translation>(تمام رجسٹر)</translation>
        </message>
        <message>
            <source>entry UUID</source>
            <translation>اندراج کی شناخت (UUID)</translation>
        </message>
        <message>
            <source>From</source>
            <translation>از</translation>
        </message>
        <message>
            <source>To</source>
            <translation>تا</translation>
        </message>
        <message>
            <source>action, e.g. entry.return</source>
            <translation>کارروائی، مثلاً entry.return</translation>
        </message>
        <message>
            <source>Oldest first</source>
            <translation>پرانے پہلے</translation>
        </message>
        <message>
            <source>The newest events are shown first; tick to read the trail from its start.</source>
            <translation>نئے واقعات پہلے دکھائے جاتے ہیں؛ ریکارڈ شروع سے پڑھنے کے لیے نشان لگائیں۔</translation>
        </message>
        <message>
            <source>User</source>
            <translation>صارف</translation>
        </message>
        <message>
            <source>Register</source>
            <translation>رجسٹر</translation>
        </message>
        <message>
            <source>Entry</source>
            <translation>اندراج</translation>
        </message>
        <message>
            <source>Action</source>
            <translation>کارروائی</translation>
        </message>
        <message>
            <source>Show</source>
            <translation>دکھائیں</translation>
        </message>
        <message>
            <source>Verify chain</source>
            <translation>سلسلے کی تصدیق</translation>
        </message>
        <message>
            <source>system (sync, command line)</source>
            <translation>سسٹم (ہم آہنگی، کمانڈ لائن)</translation>
        </message>
        <message>
            <source>recovery (password set with the recovery code)</source>
            <translation>بحالی (بحالی کوڈ سے نیا پاس ورڈ)</translation>
        </message>
        <message>
            <source>Reading…</source>
            <translation>پڑھا جا رہا ہے…</translation>
        </message>
        <message>
            <source>Cannot read the audit trail: {error}</source>
            <translation>آڈٹ ریکارڈ پڑھا نہیں جا سکا: {error}</translation>
        </message>
        <message>
            <source> (scroll for more)</source>
            <translation> (مزید کے لیے نیچے جائیں)</translation>
        </message>
        <message numerus="yes">
            <source>{n} event(s) shown</source>
            <translation>
                <numerusform>⁦{n}⁩ واقعہ دکھایا گیا</numerusform>
                <numerusform>⁦{n}⁩ واقعات دکھائے گئے</numerusform>
            </translation>
        </message>
        <message>
            <source>Stop checking</source>
            <translation>جانچ روکیں</translation>
        </message>
        <message>
            <source>Checking the chain…</source>
            <translation>سلسلے کی جانچ ہو رہی ہے…</translation>
        </message>
        <message>
            <source>Checking the chain: {done} of {total} events…</source>
            <translation>سلسلے کی جانچ: ⁦{total}⁩ میں سے ⁦{done}⁩ واقعات…</translation>
        </message>
        <message>
            <source>The chain is intact; checking the records against it…</source>
            <translation>سلسلہ سالم ہے؛ ریکارڈ کی اس سے جانچ ہو رہی ہے…</translation>
        </message>
        <message>
            <source>The check was stopped; nothing is known of the chain yet.</source>
            <translation>جانچ روک دی گئی؛ سلسلے کے بارے میں ابھی کچھ معلوم نہیں۔</translation>
        </message>
        <message>
            <source>Chain intact ({n} events), but {k} fact(s) of the records are not what it recorded (changed outside Daftar): {first}</source>
            <translation>زنجیر سالم ہے (⁦{n}⁩ واقعات)، لیکن ریکارڈ کی {k} بات آڈٹ میں درج سے مختلف ہے (دفتر سے باہر بدلی گئی): ⁦{first}⁩</translation>
        </message>
        <message>
            <source>Chain intact: {n} events checked, and the records are the ones it recorded.</source>
            <translation>زنجیر سالم ہے: ⁦{n}⁩ واقعات جانچے گئے، اور ریکارڈ وہی ہے جو اس میں درج ہے۔</translation>
        </message>
        <message>
            <source>Chain BROKEN at event {id}: {reason} ({n} events before it are intact).</source>
            <translation>سلسلہ واقعہ ⁦{id}⁩ پر ٹوٹا ہوا ہے: {reason} (اس سے پہلے کے ⁦{n}⁩ واقعات درست ہیں)۔</translation>
        </message>
        <message>
            <source>Cannot check the chain: {error}</source>
            <translation>سلسلے کی جانچ نہیں ہو سکی: {error}</translation>
        </message>
    </context>
    <context>
        <name>BackupReminder</name>
        <message>
            <source>The last backup is dated after today: check this computer's date</source>
            <translation>آخری بیک اپ کی تاریخ آج کے بعد کی ہے: اس کمپیوٹر کی تاریخ دیکھیں</translation>
        </message>
        <message>
            <source>No backup of this workspace yet</source>
            <translation>اس ورک اسپیس کا ابھی تک کوئی بیک اپ نہیں</translation>
        </message>
        <message>
            <source>Last backup {days} days ago</source>
            <translation>آخری بیک اپ {days} دن پہلے</translation>
        </message>
        <message>
            <source>Back up now…</source>
            <translation>ابھی بیک اپ لیں…</translation>
        </message>
        <message>
            <source>A backup on a USB stick or another disk is what is left of the records when this computer's disk fails or the computer is stolen.</source>
            <translation>اس کمپیوٹر کی ڈسک خراب ہو جائے یا کمپیوٹر چوری ہو جائے تو یو ایس بی یا کسی دوسری ڈسک پر رکھا بیک اپ ہی ریکارڈ کو بچاتا ہے۔</translation>
        </message>
    </context>
    <context>
        <name>ChangePasswordDialog</name>
        <message>
            <source>Change password</source>
            <translation>پاس ورڈ تبدیل کریں</translation>
        </message>
        <message>
            <source>The administrator set your password. Choose your own password now.</source>
            <translation>آپ کا پاس ورڈ منتظم نے رکھا ہے۔ اب اپنا پاس ورڈ منتخب کریں۔</translation>
        </message>
        <message>
            <source>Current password</source>
            <translation>موجودہ پاس ورڈ</translation>
        </message>
        <message>
            <source>New password</source>
            <translation>نیا پاس ورڈ</translation>
        </message>
        <message>
            <source>New password again</source>
            <translation>نیا پاس ورڈ دوبارہ</translation>
        </message>
        <message>
            <source>The two new passwords differ: type the same password twice.</source>
            <translation>دونوں نئے پاس ورڈ مختلف ہیں: ایک ہی پاس ورڈ دو بار لکھیں۔</translation>
        </message>
        <message>
            <source>Choose a new password that differs from the current one.</source>
            <translation>ایسا نیا پاس ورڈ منتخب کریں جو موجودہ سے مختلف ہو۔</translation>
        </message>
        <message>
            <source>Not changed: {reason}</source>
            <translation>تبدیل نہیں ہوا: {reason}</translation>
        </message>
        <message>
            <source>Changing the password…</source>
            <translation>پاس ورڈ بدلا جا رہا ہے…</translation>
        </message>
    </context>
    <context>
        <name>CommentDialog</name>
        <message>
            <source>Write why: a comment is required (the clerk reads it).</source>
            <translation>وجہ لکھیں: تبصرہ لازمی ہے (کلرک اسے پڑھے گا)۔</translation>
        </message>
        <message>
            <source>Ctrl+Enter sends the comment from where it is written</source>
            <translation>تبصرہ لکھتے ہوئے ⁦Ctrl+Enter⁩ دبانے سے بھی یہ بھیج دیا جاتا ہے</translation>
        </message>
    </context>
    <context>
        <name>ConflictDialog</name>
        <message>
            <source>Compare with the server's copy</source>
            <translation>سرور کی نقل سے موازنہ</translation>
        </message>
        <message>
            <source>Fetching the central server's copy…</source>
            <translation>مرکزی سرور کی نقل لائی جا رہی ہے…</translation>
        </message>
        <message>
            <source>Field</source>
            <translation>خانہ</translation>
        </message>
        <message>
            <source>This office</source>
            <translation>یہ دفتر</translation>
        </message>
        <message>
            <source>Central server</source>
            <translation>مرکزی سرور</translation>
        </message>
        <message>
            <source>Take the server's copy</source>
            <translation>سرور کی نقل لے لیں</translation>
        </message>
        <message>
            <source>The entry gets the central server's values as a new version, which the server has already: it is not sent again. This office's version stays readable in the entry's history.</source>
            <translation>اندراج کو مرکزی سرور کی قدریں ایک نئے نسخے کے طور پر ملتی ہیں، جو سرور کے پاس پہلے سے ہے: اسے دوبارہ نہیں بھیجا جاتا۔ اس دفتر کا نسخہ اندراج کی تاریخ میں پڑھا جا سکتا ہے۔</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>بند کریں</translation>
        </message>
        <message>
            <source>The server's copy could not be shown: {why}</source>
            <translation>سرور کی نقل نہیں دکھائی جا سکی: {why}</translation>
        </message>
        <message>
            <source>The central server holds this version as {state}; it arrived on {when} in batch {batch} ({how}).</source>
            <translation>مرکزی سرور کے پاس یہ نسخہ {state} ہے؛ یہ ⁦{when}⁩ کو بیچ {batch} میں پہنچا ({how})۔</translation>
        </message>
        <message>
            <source>by USB</source>
            <translation>یو ایس بی سے</translation>
        </message>
        <message>
            <source>over the network</source>
            <translation>نیٹ ورک سے</translation>
        </message>
        <message>
            <source>The central office's reason: {reason}</source>
            <translation>مرکزی دفتر کی وجہ: {reason}</translation>
        </message>
        <message>
            <source>{n} fields differ (marked ≠).</source>
            <translation>⁦{n}⁩ خانے مختلف ہیں (≠ کا نشان)۔</translation>
        </message>
        <message>
            <source>One field differs (marked ≠).</source>
            <translation>ایک خانہ مختلف ہے (≠ کا نشان)۔</translation>
        </message>
        <message>
            <source>The server's copy cannot be taken: {why}</source>
            <translation>سرور کی نقل نہیں لی جا سکتی: {why}</translation>
        </message>
        <message>
            <source>Approved by</source>
            <translation>منظور کنندہ</translation>
        </message>
        <message>
            <source>Verified by</source>
            <translation>تصدیق کنندہ</translation>
        </message>
        <message>
            <source>Page</source>
            <translation>صفحہ</translation>
        </message>
        <message>
            <source>Row</source>
            <translation>سطر</translation>
        </message>
        <message>
            <source>Page image</source>
            <translation>صفحے کی تصویر</translation>
        </message>
        <message>
            <source>(none)</source>
            <translation>(کچھ نہیں)</translation>
        </message>
        <message>
            <source>The entry gets the central server's values as a new version (version {v}), which is not sent again: the server has it. This office's version {old} stays readable in the entry's history. Take the server's copy?</source>
            <translation>اندراج کو مرکزی سرور کی قدریں نئے نسخے (نسخہ {v}) کے طور پر ملیں گی، جو دوبارہ نہیں بھیجا جائے گا: سرور کے پاس پہلے سے ہے۔ اس دفتر کا نسخہ {old} اندراج کی تاریخ میں پڑھا جا سکے گا۔ کیا سرور کی نقل لے لیں؟</translation>
        </message>
        <message>
            <source>Nothing was taken: {why}</source>
            <translation>کچھ نہیں لیا گیا: {why}</translation>
        </message>
        <message>
            <source>Taken: the entry's version {v} holds the central server's values and is {state}. Nothing is sent again.</source>
            <translation>لے لی گئی: اندراج کے نسخہ {v} میں مرکزی سرور کی قدریں ہیں اور وہ {state} ہے۔ کچھ دوبارہ نہیں بھیجا جائے گا۔</translation>
        </message>
    </context>
    <context>
        <name>CopyForwardDialog</name>
        <message>
            <source>New edition from the previous one</source>
            <translation>پچھلی جلد سے نئی جلد</translation>
        </message>
        <message>
            <source>Rows of the previous edition are copied as drafts: confirm or change what differs. Mutations sanctioned since are proposed as flagged rows.</source>
            <translation>پچھلی جلد کے اندراج مسودے کے طور پر نقل ہوتے ہیں: جو بدلا ہے اسے درست کریں یا تصدیق کریں۔ اس دوران منظور شدہ انتقالات نشان زدہ اندراج کے طور پر تجویز ہوتے ہیں۔</translation>
        </message>
        <message>
            <source>Previous edition:</source>
            <translation>پچھلی جلد:</translation>
        </message>
        <message>
            <source>New year:</source>
            <translation>نیا سال:</translation>
        </message>
        <message>
            <source>Harvest:</source>
            <translation>فصل:</translation>
        </message>
        <message>
            <source>as the previous edition</source>
            <translation>پچھلی جلد کے مطابق</translation>
        </message>
        <message>
            <source>Volume:</source>
            <translation>جلد:</translation>
        </message>
        <message>
            <source>Copy forward</source>
            <translation>آگے نقل کریں</translation>
        </message>
        <message>
            <source>There is no register to copy from yet.</source>
            <translation>ابھی کوئی رجسٹر نہیں جس سے نقل کیا جائے۔</translation>
        </message>
        <message>
            <source>Choose the previous edition to copy from.</source>
            <translation>وہ پچھلی جلد منتخب کریں جس سے نقل کرنا ہے۔</translation>
        </message>
        <message>
            <source>Type the year of the new edition (e.g. 2019-20).</source>
            <translation>نئی جلد کا سال لکھیں (مثلاً ⁦2019-20⁩)۔</translation>
        </message>
        <message>
            <source>Copying…</source>
            <translation>نقل ہو رہا ہے…</translation>
        </message>
        <message>
            <source>Not copied: {error}</source>
            <translation>نقل نہیں ہوا: {error}</translation>
        </message>
        <message numerus="yes">
            <source>{n} row(s) copied into the new edition.</source>
            <translation>
                <numerusform>⁦{n}⁩ اندراج نئی جلد میں نقل ہو گیا۔</numerusform>
                <numerusform>⁦{n}⁩ اندراج نئی جلد میں نقل ہو گئے۔</numerusform>
            </translation>
        </message>
        <message>
            <source>Mutations proposed (flagged rows to confirm or delete):</source>
            <translation>تجویز کردہ انتقالات (نشان زدہ اندراج، تصدیق کریں یا حذف کریں):</translation>
        </message>
        <message numerus="yes">
            <source>{n} copied row(s) flagged: their share passed by a mutation.</source>
            <translation>
                <numerusform>⁦{n}⁩ نقل شدہ اندراج نشان زدہ: اس کا حصہ انتقال سے منتقل ہوا۔</numerusform>
                <numerusform>⁦{n}⁩ نقل شدہ اندراج نشان زدہ: ان کا حصہ انتقال سے منتقل ہوا۔</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>{n} copied row(s) flagged: their khasra passed by a mutation; correct the owner.</source>
            <translation>
                <numerusform>⁦{n}⁩ نقل شدہ اندراج نشان زدہ: اس کا خسرہ انتقال سے منتقل ہوا؛ مالک درست کریں۔</numerusform>
                <numerusform>⁦{n}⁩ نقل شدہ اندراج نشان زدہ: ان کے خسرے انتقال سے منتقل ہوئے؛ مالک درست کریں۔</numerusform>
            </translation>
        </message>
        <message>
            <source>No sanctioned mutation since the previous edition.</source>
            <translation>پچھلی جلد کے بعد کوئی منظور شدہ انتقال نہیں۔</translation>
        </message>
    </context>
    <context>
        <name>CorrectionView</name>
        <message>
            <source>Saved</source>
            <translation>محفوظ ہو گیا</translation>
        </message>
        <message>
            <source>Undo</source>
            <translation>واپس لیں</translation>
        </message>
        <message>
            <source>Redo</source>
            <translation>دوبارہ کریں</translation>
        </message>
        <message>
            <source>Previous page</source>
            <translation>پچھلا صفحہ</translation>
        </message>
        <message>
            <source>Next page</source>
            <translation>اگلا صفحہ</translation>
        </message>
        <message>
            <source>Next flagged field</source>
            <translation>اگلا نشان زدہ خانہ</translation>
        </message>
        <message>
            <source>Take the other reading</source>
            <translation>دوسری پڑھت لیں</translation>
        </message>
        <message>
            <source>Add row</source>
            <translation>سطر شامل کریں</translation>
        </message>
        <message>
            <source>Delete row</source>
            <translation>سطر حذف کریں</translation>
        </message>
        <message>
            <source>Move row up</source>
            <translation>سطر اوپر کریں</translation>
        </message>
        <message>
            <source>Move row down</source>
            <translation>سطر نیچے کریں</translation>
        </message>
        <message>
            <source>Zoom in</source>
            <translation>بڑا کریں</translation>
        </message>
        <message>
            <source>Zoom out</source>
            <translation>چھوٹا کریں</translation>
        </message>
        <message>
            <source>Fit width</source>
            <translation>پوری چوڑائی</translation>
        </message>
        <message>
            <source>Rotate</source>
            <translation>گھمائیں</translation>
        </message>
        <message>
            <source>Submit for review</source>
            <translation>پڑتال کے لیے پیش کریں</translation>
        </message>
        <message>
            <source>Page cannot be shown: {error}</source>
            <translation>صفحہ دکھایا نہیں جا سکتا: {error}</translation>
        </message>
        <message>
            <source>Page {n}</source>
            <translation>صفحہ ⁦{n}⁩</translation>
        </message>
        <message>
            <source>OCR failed: {error}</source>
            <translation>OCR ناکام: {error}</translation>
        </message>
        <message>
            <source>OCR failed (the reason: hover here)</source>
            <translation>OCR ناکام (وجہ: یہاں ماؤس رکھیں)</translation>
        </message>
        <message>
            <source>OCR {status}…</source>
            <translation>OCR {status}…</translation>
        </message>
        <message numerus="yes">
            <source>{n} problem(s) to correct</source>
            <translation>
                <numerusform>⁦{n}⁩ غلطی درست کرنی ہے</numerusform>
                <numerusform>⁦{n}⁩ غلطیاں درست کرنی ہیں</numerusform>
            </translation>
        </message>
        <message>
            <source>no errors left</source>
            <translation>کوئی غلطی باقی نہیں</translation>
        </message>
        <message numerus="yes">
            <source>{n} field(s) to check</source>
            <translation>
                <numerusform>⁦{n}⁩ خانہ جانچنا ہے</numerusform>
                <numerusform>⁦{n}⁩ خانے جانچنے ہیں</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>{n} row(s) sent back for correction: {rows}</source>
            <translation>
                <numerusform>⁦{n}⁩ اندراج درستی کے لیے واپس آیا ہے: ⁦{rows}⁩</numerusform>
                <numerusform>⁦{n}⁩ اندراج درستی کے لیے واپس آئے ہیں: ⁦{rows}⁩</numerusform>
            </translation>
        </message>
        <message>
            <source>(no box on the page for this field)</source>
            <translation>(اس خانے کی صفحے پر کوئی جگہ نہیں)</translation>
        </message>
        <message>
            <source>Sent back: {comment}</source>
            <translation>واپسی کی وجہ: {comment}</translation>
        </message>
        <message>
            <source>OCR read: {text} ({conf:.0%})</source>
            <translation>OCR نے پڑھا: {text} (⁦{conf:.0%}⁩)</translation>
        </message>
        <message>
            <source>This is the last field of the page: {add} adds a row after this one, {next} goes to the next page (F2 changes this field).</source>
            <translation>یہ صفحے کا آخری خانہ ہے: ⁦{add}⁩ اس کے بعد نئی سطر شامل کرتا ہے، ⁦{next}⁩ اگلے صفحے پر لے جاتا ہے (F2 سے یہ خانہ بدلیں)۔</translation>
        </message>
        <message>
            <source>This is the first field of the page: {prev} goes to the previous page.</source>
            <translation>یہ صفحے کا پہلا خانہ ہے: ⁦{prev}⁩ پچھلے صفحے پر لے جاتا ہے۔</translation>
        </message>
        <message numerus="yes">
            <source>{n} field(s) in the rows going for review are still flagged 'to check' (the amber cells: OCR was unsure of them, or a rule across rows asks to look again).

Go back to the first of them, or submit page {page} for review as it is?</source>
            <translation>
                <numerusform>پڑتال کے لیے جانے والے اندراجات کا ⁦{n}⁩ خانہ ابھی تک 'جانچنا ہے' کے نشان کے ساتھ ہے (زرد خانہ: OCR کو اس پر شک تھا، یا اندراجات کے باہمی قاعدے کے مطابق اسے دوبارہ دیکھنا ہے)۔

اس خانے پر واپس جائیں، یا صفحہ ⁦{page}⁩ جیسا ہے ویسا ہی پڑتال کے لیے پیش کریں؟</numerusform>
                <numerusform>پڑتال کے لیے جانے والے اندراجات کے ⁦{n}⁩ خانے ابھی تک 'جانچنے ہیں' کے نشان کے ساتھ ہیں (زرد خانے: OCR کو ان پر شک تھا، یا اندراجات کے باہمی قاعدے کے مطابق انہیں دوبارہ دیکھنا ہے)۔

ان میں سے پہلے پر واپس جائیں، یا صفحہ ⁦{page}⁩ جیسا ہے ویسا ہی پڑتال کے لیے پیش کریں؟</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Not submitted: {n} problem(s) must be corrected first. The first: {problem} (F8 goes to the next flagged field)</source>
            <translation>
                <numerusform>پیش نہیں ہوا: پہلے ⁦{n}⁩ غلطی درست کریں: {problem} (⁦F8⁩ اگلے نشان زدہ خانے پر لے جاتا ہے)</numerusform>
                <numerusform>پیش نہیں ہوا: پہلے ⁦{n}⁩ غلطیاں درست کریں۔ پہلی: {problem} (⁦F8⁩ اگلے نشان زدہ خانے پر لے جاتا ہے)</numerusform>
            </translation>
        </message>
        <message>
            <source>{key} takes the other reading: {text}</source>
            <translation>⁦{key}⁩ دوسری پڑھت لیتا ہے: {text}</translation>
        </message>
        <message>
            <source>Your role does not change entries.</source>
            <translation>آپ کا عہدہ اندراجات نہیں بدلتا۔</translation>
        </message>
        <message>
            <source>Row {n} is {state}: it can be changed only as a draft or when it is sent back for correction.</source>
            <translation>سطر ⁦{n}⁩ {state} ہے: یہ صرف مسودہ ہونے پر یا درستی کے لیے واپس آنے پر بدلی جا سکتی ہے۔</translation>
        </message>
        <message>
            <source>No flagged fields on this page</source>
            <translation>اس صفحے پر کوئی نشان زدہ خانہ نہیں</translation>
        </message>
        <message>
            <source>This field has no other reading</source>
            <translation>اس خانے کی کوئی دوسری پڑھت نہیں</translation>
        </message>
        <message>
            <source>This field cannot be changed</source>
            <translation>یہ خانہ بدلا نہیں جا سکتا</translation>
        </message>
        <message>
            <source>Row {n} deleted</source>
            <translation>سطر ⁦{n}⁩ حذف ہو گئی</translation>
        </message>
        <message>
            <source>Go to the first field to check</source>
            <translation>جانچنے والے پہلے خانے پر جائیں</translation>
        </message>
        <message>
            <source>Submit anyway</source>
            <translation>پھر بھی پیش کریں</translation>
        </message>
        <message numerus="yes">
            <source>Not submitted: {n} field(s) still to check (F8 goes to the next flagged field)</source>
            <translation>
                <numerusform>پیش نہیں ہوا: ⁦{n}⁩ خانہ ابھی جانچنا ہے (F8 اگلے نشان زدہ خانے پر لے جاتا ہے)</numerusform>
                <numerusform>پیش نہیں ہوا: ⁦{n}⁩ خانے ابھی جانچنے ہیں (F8 اگلے نشان زدہ خانے پر لے جاتا ہے)</numerusform>
            </translation>
        </message>
        <message>
            <source>Page {n} submitted for review</source>
            <translation>صفحہ ⁦{n}⁩ پڑتال کے لیے پیش ہو گیا</translation>
        </message>
        <message>
            <source>Not submitted: {reason}</source>
            <translation>پیش نہیں ہوا: {reason}</translation>
        </message>
    </context>
    <context>
        <name>CrashReport</name>
        <message>
            <source>Daftar</source>
            <translation>دفتر</translation>
        </message>
        <message>
            <source>Daftar hit an error it did not expect ({error}). What you have saved is safe: every edit is saved the moment it is made. If this happens again, give IT the log file {path}.</source>
            <translation>دفتر میں ایک غیر متوقع خرابی پیش آئی ({error})۔ جو کچھ آپ محفوظ کر چکے ہیں وہ سلامت ہے: ہر تبدیلی اسی لمحے محفوظ ہو جاتی ہے۔ اگر ایسا دوبارہ ہو تو لاگ فائل ⁦{path}⁩ آئی ٹی عملے کو دیں۔</translation>
        </message>
        <message>
            <source>Daftar ended unexpectedly the last time it was used on this computer. Nothing that was saved was lost: every edit is saved the moment it is made. If this happens again, give IT the log file {path}.</source>
            <translation>پچھلی بار اس کمپیوٹر پر دفتر غیر متوقع طور پر بند ہو گیا تھا۔ جو کچھ محفوظ ہو چکا تھا اس میں سے کچھ ضائع نہیں ہوا: ہر تبدیلی اسی لمحے محفوظ ہو جاتی ہے۔ اگر ایسا دوبارہ ہو تو لاگ فائل ⁦{path}⁩ آئی ٹی عملے کو دیں۔</translation>
        </message>
    </context>
    <context>
        <name>Daftar</name>
        <message>
            <source>Edit {field}</source>
            <translation>{field} میں ترمیم</translation>
        </message>
        <message>
            <source>Not saved: {error}</source>
            <translation>محفوظ نہیں ہوا: {error}</translation>
        </message>
        <message>
            <source>Cancel typing in {field}</source>
            <translation>{field} میں لکھا ہوا منسوخ کرنا</translation>
        </message>
        <message>
            <source>clerk</source>
            <translation>کلرک</translation>
        </message>
        <message>
            <source>supervisor</source>
            <translation>گرداور</translation>
        </message>
        <message>
            <source>revenue_officer</source>
            <translation>ریونیو افسر</translation>
        </message>
        <message>
            <source>admin</source>
            <translation>منتظم</translation>
        </message>
        <message>
            <source>draft</source>
            <translation>مسودہ</translation>
        </message>
        <message>
            <source>submitted</source>
            <translation>پڑتال کے لیے پیش</translation>
        </message>
        <message>
            <source>returned</source>
            <translation>واپس شدہ</translation>
        </message>
        <message>
            <source>approved</source>
            <translation>منظور شدہ</translation>
        </message>
        <message>
            <source>verified</source>
            <translation>تصدیق شدہ</translation>
        </message>
        <message>
            <source>batched</source>
            <translation>ترسیل کے لیے تیار</translation>
        </message>
        <message>
            <source>sent</source>
            <translation>بھیج دیا گیا</translation>
        </message>
        <message>
            <source>received</source>
            <translation>موصول شدہ</translation>
        </message>
        <message>
            <source>accepted</source>
            <translation>قبول شدہ</translation>
        </message>
        <message>
            <source>rejected</source>
            <translation>مسترد</translation>
        </message>
        <message>
            <source>new</source>
            <translation>نیا</translation>
        </message>
        <message>
            <source>in_progress</source>
            <translation>جاری</translation>
        </message>
        <message>
            <source>none</source>
            <translation>ابھی نہیں</translation>
        </message>
        <message>
            <source>queued</source>
            <translation>قطار میں</translation>
        </message>
        <message>
            <source>running</source>
            <translation>جاری</translation>
        </message>
        <message>
            <source>done</source>
            <translation>مکمل</translation>
        </message>
        <message>
            <source>failed</source>
            <translation>ناکام</translation>
        </message>
        <message>
            <source>Gray</source>
            <translation>سیاہ و سفید (گرے)</translation>
        </message>
        <message>
            <source>Color</source>
            <translation>رنگین</translation>
        </message>
        <message>
            <source>Lineart</source>
            <translation>صرف سیاہ لکیریں</translation>
        </message>
        <message>
            <source>&amp;Register</source>
            <translation>رجسٹر</translation>
        </message>
        <message>
            <source>&amp;OCR</source>
            <translation>OCR</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>منظر</translation>
        </message>
        <message>
            <source>Re&amp;view</source>
            <translation>پڑتال</translation>
        </message>
        <message>
            <source>Re&amp;ports</source>
            <translation>رپورٹیں</translation>
        </message>
        <message>
            <source>&amp;Account</source>
            <translation>اکاؤنٹ</translation>
        </message>
        <message>
            <source>&amp;Settings</source>
            <translation>ترتیبات</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>مدد</translation>
        </message>
        <message>
            <source>New register…</source>
            <translation>نیا رجسٹر…</translation>
        </message>
        <message>
            <source>Import pages…</source>
            <translation>صفحات درآمد کریں…</translation>
        </message>
        <message>
            <source>Scan pages…</source>
            <translation>صفحات اسکین کریں…</translation>
        </message>
        <message>
            <source>Quit</source>
            <translation>بند کریں</translation>
        </message>
        <message>
            <source>Read selected pages</source>
            <translation>منتخب صفحات پڑھیں</translation>
        </message>
        <message>
            <source>Retry failed pages</source>
            <translation>ناکام صفحات دوبارہ پڑھیں</translation>
        </message>
        <message>
            <source>Cancel OCR</source>
            <translation>OCR روکیں</translation>
        </message>
        <message>
            <source>Find rows…</source>
            <translation>اندراج تلاش کریں…</translation>
        </message>
        <message>
            <source>Page</source>
            <translation>صفحہ</translation>
        </message>
        <message>
            <source>Rows returned to me</source>
            <translation>مجھے واپس کیے گئے اندراج</translation>
        </message>
        <message>
            <source>Rows returned after my approval</source>
            <translation>میری منظوری کے بعد واپس شدہ اندراجات</translation>
        </message>
        <message>
            <source>Sync with the central office</source>
            <translation>مرکزی دفتر سے ہم آہنگی</translation>
        </message>
        <message>
            <source>Review submitted pages</source>
            <translation>پیش شدہ صفحات کی پڑتال</translation>
        </message>
        <message>
            <source>Verify approved pages</source>
            <translation>منظور شدہ صفحات کی تصدیق</translation>
        </message>
        <message>
            <source>Audit trail</source>
            <translation>آڈٹ ریکارڈ</translation>
        </message>
        <message>
            <source>Save fard as PDF…</source>
            <translation>فرد بطور PDF محفوظ کریں…</translation>
        </message>
        <message>
            <source>Print fard…</source>
            <translation>فرد پرنٹ کریں…</translation>
        </message>
        <message>
            <source>Save progress report as PDF…</source>
            <translation>پیش رفت رپورٹ بطور PDF محفوظ کریں…</translation>
        </message>
        <message>
            <source>Users…</source>
            <translation>صارفین…</translation>
        </message>
        <message>
            <source>Change my password…</source>
            <translation>میرا پاس ورڈ تبدیل کریں…</translation>
        </message>
        <message>
            <source>Preferences…</source>
            <translation>ترجیحات…</translation>
        </message>
        <message>
            <source>File</source>
            <translation>فائل</translation>
        </message>
        <message>
            <source>OCR</source>
            <translation>OCR</translation>
        </message>
        <message>
            <source>State</source>
            <translation>حالت</translation>
        </message>
        <message>
            <source>Register</source>
            <translation>رجسٹر</translation>
        </message>
        <message>
            <source>Row</source>
            <translation>سطر</translation>
        </message>
        <message>
            <source>Comment</source>
            <translation>تبصرہ</translation>
        </message>
        <message>
            <source>Returned by</source>
            <translation>واپس کنندہ</translation>
        </message>
        <message>
            <source>When (UTC)</source>
            <translation>وقت (UTC)</translation>
        </message>
        <message>
            <source>User</source>
            <translation>صارف</translation>
        </message>
        <message>
            <source>Action</source>
            <translation>کارروائی</translation>
        </message>
        <message>
            <source>Entry</source>
            <translation>اندراج</translation>
        </message>
        <message>
            <source>Change</source>
            <translation>تبدیلی</translation>
        </message>
        <message>
            <source>User name</source>
            <translation>صارف نام</translation>
        </message>
        <message>
            <source>Full name</source>
            <translation>پورا نام</translation>
        </message>
        <message>
            <source>Role</source>
            <translation>عہدہ</translation>
        </message>
        <message>
            <source>Active</source>
            <translation>فعال</translation>
        </message>
        <message>
            <source>Locked until</source>
            <translation>بند تا</translation>
        </message>
        <message>
            <source>Must change password</source>
            <translation>پاس ورڈ بدلنا لازم</translation>
        </message>
        <message>
            <source>Records clerk</source>
            <translation>ریکارڈ کلرک</translation>
        </message>
        <message>
            <source>Supervisor (Girdawar)</source>
            <translation>نگران (گرداور)</translation>
        </message>
        <message>
            <source>Revenue officer</source>
            <translation>ریونیو افسر</translation>
        </message>
        <message>
            <source>Administrator (IT)</source>
            <translation>منتظم (آئی ٹی)</translation>
        </message>
        <message>
            <source>Daftar</source>
            <translation>دفتر</translation>
        </message>
        <message>
            <source>vol</source>
            <translation>جلد</translation>
        </message>
        <message>
            <source>Fard</source>
            <translation>فرد</translation>
        </message>
        <message>
            <source>Khewat no (or owner's name):</source>
            <translation>نمبر کھیوٹ (یا مالک کا نام):</translation>
        </message>
        <message>
            <source>Save fard as PDF</source>
            <translation>فرد بطور PDF محفوظ کریں</translation>
        </message>
        <message>
            <source>Save report as PDF</source>
            <translation>رپورٹ بطور PDF محفوظ کریں</translation>
        </message>
        <message>
            <source>Print preview — {name}</source>
            <translation>پرنٹ کا پیش منظر — ⁦{name}⁩</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>کھولیں</translation>
        </message>
        <message>
            <source>jamabandi</source>
            <translation>جمع بندی</translation>
        </message>
        <message>
            <source>girdawari</source>
            <translation>خسرہ گرداوری</translation>
        </message>
        <message>
            <source>intiqal</source>
            <translation>رجسٹر انتقالات</translation>
        </message>
        <message>
            <source>About Daftar</source>
            <translation>دفتر کے بارے میں</translation>
        </message>
        <message>
            <source>Back up the workspace…</source>
            <translation>ورک اسپیس کا بیک اپ…</translation>
        </message>
        <message>
            <source>Export (CSV, JSON, PDF)…</source>
            <translation>برآمد (CSV، JSON، PDF)…</translation>
        </message>
        <message>
            <source>Keyboard shortcuts</source>
            <translation>کی بورڈ شارٹ کٹ</translation>
        </message>
        <message>
            <source>Lock the window</source>
            <translation>ونڈو مقفل کریں</translation>
        </message>
        <message>
            <source>Move page to another register…</source>
            <translation>صفحہ دوسرے رجسٹر میں منتقل کریں…</translation>
        </message>
        <message>
            <source>New edition from the previous one…</source>
            <translation>پچھلی جلد سے نئی جلد…</translation>
        </message>
        <message>
            <source>Phonetic Urdu typing (Latin keys type Urdu)</source>
            <translation>صوتی اردو ٹائپنگ (لاطینی کلیدوں سے اردو)</translation>
        </message>
        <message>
            <source>Registers and pages beside the page</source>
            <translation>صفحے کے ساتھ رجسٹر اور صفحات</translation>
        </message>
        <message>
            <source>Sign out</source>
            <translation>باہر نکلیں (دوسرا صارف)</translation>
        </message>
        <message>
            <source>Urdu keyboard</source>
            <translation>اردو کی بورڈ</translation>
        </message>
    </context>
    <context>
        <name>ExportDialog</name>
        <message>
            <source>Its signature is in {sig} beside it: copy the two files together (the receiver checks them with `daftar export verify`).</source>
            <translation>اس کے دستخط اس کے ساتھ {sig} میں ہیں: دونوں فائلیں اکٹھی کاپی کریں (وصول کرنے والا انہیں ⁦`daftar export verify`⁩ سے جانچتا ہے)۔</translation>
        </message>
        <message>
            <source>Fard saved: {path}</source>
            <translation>فرد محفوظ ہو گئی: ⁦{path}⁩</translation>
        </message>
        <message>
            <source>No program on this computer opens this file. It is saved here:{path}Copy it to a computer that can open it, or ask IT to install a program for it (a PDF reader for reports and fards).</source>
            <translation>اس کمپیوٹر پر کوئی پروگرام یہ فائل نہیں کھولتا۔ یہ یہاں محفوظ ہے:⁦{path}⁩اسے کسی ایسے کمپیوٹر پر لے جائیں جو اسے کھول سکے، یا آئی ٹی والوں سے اس کا پروگرام نصب کروائیں (رپورٹوں اور فرد کے لیے پی ڈی ایف ریڈر)۔</translation>
        </message>
        <message>
            <source>Report saved: {path}</source>
            <translation>رپورٹ محفوظ ہو گئی: ⁦{path}⁩</translation>
        </message>
        <message>
            <source>Progress report</source>
            <translation>پیش رفت رپورٹ</translation>
        </message>
        <message>
            <source>Counting the pages…</source>
            <translation>صفحات گنے جا رہے ہیں…</translation>
        </message>
        <message>
            <source>Stop</source>
            <translation>روکیں</translation>
        </message>
        <message>
            <source>Counting the entries: {done} of {total}…</source>
            <translation>اندراجات گنے جا رہے ہیں: ⁦{total}⁩ میں سے ⁦{done}⁩…</translation>
        </message>
        <message>
            <source>Writing the PDF…</source>
            <translation>PDF لکھی جا رہی ہے…</translation>
        </message>
        <message>
            <source>Handover sheet</source>
            <translation>حوالگی فہرست</translation>
        </message>
        <message>
            <source>Reading the registers: {done} of {total}…</source>
            <translation>رجسٹر پڑھے جا رہے ہیں: ⁦{total}⁩ میں سے ⁦{done}⁩…</translation>
        </message>
        <message>
            <source>Copying the page images: {done} of {total}…</source>
            <translation>صفحات کی تصاویر نقل ہو رہی ہیں: ⁦{total}⁩ میں سے ⁦{done}⁩…</translation>
        </message>
        <message>
            <source>Reading the entries: {done} of {total}…</source>
            <translation>اندراجات پڑھے جا رہے ہیں: ⁦{total}⁩ میں سے ⁦{done}⁩…</translation>
        </message>
        <message>
            <source>Printing the entries: {done} of {total}…</source>
            <translation>اندراجات چھاپے جا رہے ہیں: ⁦{total}⁩ میں سے ⁦{done}⁩…</translation>
        </message>
        <message>
            <source>Writing the file…</source>
            <translation>فائل لکھی جا رہی ہے…</translation>
        </message>
        <message>
            <source>Finishing: it can no longer be stopped…</source>
            <translation>مکمل ہو رہا ہے: اب اسے روکا نہیں جا سکتا…</translation>
        </message>
        <message>
            <source>Stopping…</source>
            <translation>روکا جا رہا ہے…</translation>
        </message>
        <message>
            <source>The PDF was not written: this file cannot be made:{path}Print again and choose another file: in a folder that is there and can be written to, not a folder alone, and not a PDF open in another program.</source>
            <translation>پی ڈی ایف نہیں لکھی گئی: یہ فائل نہیں بن سکتی:⁦{path}⁩دوبارہ پرنٹ کریں اور کوئی اور فائل چنیں: ایسے فولڈر میں جو موجود ہو اور جس میں لکھا جا سکے، صرف فولڈر کا نام نہیں، اور ایسی پی ڈی ایف نہیں جو کسی اور پروگرام میں کھلی ہو۔</translation>
        </message>
        <message>
            <source>The printer {name} could not be started: nothing was printed. Check that it is switched on and connected, then print again.</source>
            <translation>پرنٹر {name} شروع نہیں ہو سکا: کچھ بھی پرنٹ نہیں ہوا۔ دیکھیں کہ پرنٹر چالو ہے اور جڑا ہے، پھر دوبارہ پرنٹ کریں۔</translation>
        </message>
        <message>
            <source>Export</source>
            <translation>برآمد</translation>
        </message>
        <message>
            <source>the register selected</source>
            <translation>منتخب رجسٹر</translation>
        </message>
        <message>
            <source>all registers</source>
            <translation>تمام رجسٹر</translation>
        </message>
        <message>
            <source>CSV (Excel)</source>
            <translation>CSV (ایکسل)</translation>
        </message>
        <message>
            <source>PDF: fard of a khewat</source>
            <translation>PDF: کھیوٹ کی فرد</translation>
        </message>
        <message>
            <source>PDF: progress report</source>
            <translation>PDF: پیش رفت رپورٹ</translation>
        </message>
        <message>
            <source>PDF: the whole register</source>
            <translation>PDF: پورا رجسٹر</translation>
        </message>
        <message>
            <source>raw OCR text columns</source>
            <translation>OCR کے خام متن کے کالم</translation>
        </message>
        <message>
            <source>keep 3/8 and 12-5 as text in Excel</source>
            <translation>ایکسل میں ⁦3/8⁩ اور ⁦12-5⁩ کو متن ہی رہنے دیں</translation>
        </message>
        <message>
            <source>images beside the file</source>
            <translation>تصاویر فائل کے ساتھ الگ</translation>
        </message>
        <message>
            <source>images inside (base64)</source>
            <translation>تصاویر فائل کے اندر (base64)</translation>
        </message>
        <message>
            <source>no images</source>
            <translation>تصاویر کے بغیر</translation>
        </message>
        <message>
            <source>approved entries only (approved, batched, sent…)</source>
            <translation>صرف منظور شدہ اندراجات (منظور شدہ، بیچ میں شامل، بھیجے گئے…)</translation>
        </message>
        <message>
            <source>every entry (those not approved marked DRAFT)</source>
            <translation>تمام اندراجات (غیر منظور شدہ پر مسودہ کا نشان)</translation>
        </message>
        <message>
            <source>only entries not approved yet</source>
            <translation>صرف وہ اندراجات جو ابھی منظور نہیں ہوئے</translation>
        </message>
        <message>
            <source>Urdu digits (۱۲-۵)</source>
            <translation>اردو ہندسے (⁦۱۲-۵⁩)</translation>
        </message>
        <message>
            <source>Register</source>
            <translation>رجسٹر</translation>
        </message>
        <message>
            <source>Format</source>
            <translation>قسم</translation>
        </message>
        <message>
            <source>Images</source>
            <translation>تصاویر</translation>
        </message>
        <message>
            <source>Khewat no</source>
            <translation>نمبر کھیوٹ</translation>
        </message>
        <message>
            <source>Entries</source>
            <translation>اندراجات</translation>
        </message>
        <message>
            <source>File</source>
            <translation>فائل</translation>
        </message>
        <message>
            <source>The file carries the office's signature inside it.</source>
            <translation>فائل کے اندر دفتر کے دستخط موجود ہیں۔</translation>
        </message>
        <message>
            <source>The office's signature is written beside the file, in FILE.sig.</source>
            <translation>دفتر کے دستخط فائل کے ساتھ FILE.sig میں لکھے جاتے ہیں۔</translation>
        </message>
        <message>
            <source>The office's signature is written beside the file; copy the two together:{path}</source>
            <translation>دفتر کے دستخط فائل کے ساتھ لکھے جاتے ہیں؛ دونوں اکٹھی کاپی کریں:⁦{path}⁩</translation>
        </message>
        <message>
            <source>Export to</source>
            <translation>برآمد کی جگہ</translation>
        </message>
        <message>
            <source>Choose a file to write.</source>
            <translation>محفوظ کرنے کے لیے فائل منتخب کریں۔</translation>
        </message>
        <message>
            <source>This names a folder, not a file:{path}write a file name after it, or choose one with the … button.</source>
            <translation>یہ فولڈر ہے، فائل نہیں:⁦{path}⁩اس کے بعد فائل کا نام لکھیں، یا … بٹن سے فائل منتخب کریں۔</translation>
        </message>
        <message>
            <source>A fard is of one register: choose the register.</source>
            <translation>فرد ایک رجسٹر کی ہوتی ہے: رجسٹر منتخب کریں۔</translation>
        </message>
        <message>
            <source>A register PDF prints one register: choose the register.</source>
            <translation>رجسٹر کی PDF ایک ہی رجسٹر چھاپتی ہے: رجسٹر منتخب کریں۔</translation>
        </message>
        <message>
            <source>Write the khewat number.</source>
            <translation>نمبر کھیوٹ لکھیں۔</translation>
        </message>
        <message>
            <source>{n} entries exported to {path}</source>
            <translation>⁦{n}⁩ اندراج ⁦{path}⁩ میں برآمد ہو گئے</translation>
        </message>
        <message>
            <source>{n} entries, {p} pages, {i} images exported to {path}</source>
            <translation>⁦{n}⁩ اندراج، ⁦{p}⁩ صفحات، {i} تصاویر ⁦{path}⁩ میں برآمد ہو گئیں</translation>
        </message>
        <message>
            <source>Signed with the key of office '{office}', fingerprint {fp}. Tell whoever imports the file this fingerprint (by telephone or in person, not with the file).</source>
            <translation>اس پر دفتر '{office}' کی کلید سے دستخط ہیں، فنگر پرنٹ {fp}۔ جو یہ فائل درآمد کرے اسے یہ فنگر پرنٹ بتائیں (فون پر یا خود، فائل کے ساتھ نہیں)۔</translation>
        </message>
        <message>
            <source>Exporting…</source>
            <translation>برآمد جاری ہے…</translation>
        </message>
        <message>
            <source>Stopped: nothing was written.</source>
            <translation>روک دیا گیا: کچھ نہیں لکھا گیا۔</translation>
        </message>
        <message>
            <source>Copying the database…</source>
            <translation>ڈیٹا بیس نقل ہو رہا ہے…</translation>
        </message>
    </context>
    <context>
        <name>FirstAdminDialog</name>
        <message>
            <source>Daftar — create the administrator</source>
            <translation>دفتر — منتظم بنائیں</translation>
        </message>
        <message>
            <source>This workspace has no administrator yet. The administrator creates the accounts of clerks and supervisors and resets forgotten passwords.</source>
            <translation>اس ورک اسپیس کا ابھی کوئی منتظم نہیں۔ منتظم کلرکوں اور نگرانوں کے اکاؤنٹ بناتا ہے اور بھولے ہوئے پاس ورڈ نئے کرتا ہے۔</translation>
        </message>
        <message>
            <source>User name</source>
            <translation>صارف نام</translation>
        </message>
        <message>
            <source>Full name</source>
            <translation>پورا نام</translation>
        </message>
        <message>
            <source>Password</source>
            <translation>پاس ورڈ</translation>
        </message>
        <message>
            <source>Password again</source>
            <translation>پاس ورڈ دوبارہ</translation>
        </message>
        <message>
            <source>The two passwords differ: type the same password twice.</source>
            <translation>دونوں پاس ورڈ مختلف ہیں: ایک ہی پاس ورڈ دو بار لکھیں۔</translation>
        </message>
        <message>
            <source>Not created: {reason}</source>
            <translation>نہیں بنا: {reason}</translation>
        </message>
        <message>
            <source>Creating the administrator…</source>
            <translation>ایڈمنسٹریٹر بنایا جا رہا ہے…</translation>
        </message>
    </context>
    <context>
        <name>HelpDialog</name>
        <message>
            <source>Next field</source>
            <translation>اگلا خانہ</translation>
        </message>
        <message>
            <source>Previous field</source>
            <translation>پچھلا خانہ</translation>
        </message>
        <message>
            <source>Menus</source>
            <translation>مینو</translation>
        </message>
        <message>
            <source>The page and its rows</source>
            <translation>صفحہ اور اس کی سطریں</translation>
        </message>
        <message>
            <source>Reviewing pages</source>
            <translation>صفحات کی پڑتال</translation>
        </message>
    </context>
    <context>
        <name>ImportDialog</name>
        <message>
            <source>Import pages into {register}</source>
            <translation>صفحات {register} میں درآمد کریں</translation>
        </message>
        <message>
            <source>Import pages</source>
            <translation>صفحات درآمد کریں</translation>
        </message>
        <message>
            <source>Add files…</source>
            <translation>فائلیں شامل کریں…</translation>
        </message>
        <message>
            <source>Add folder…</source>
            <translation>فولڈر شامل کریں…</translation>
        </message>
        <message>
            <source>Scan…</source>
            <translation>اسکین…</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>ہٹائیں</translation>
        </message>
        <message>
            <source>Pages are added to the register {register}, after its last page.</source>
            <translation>صفحات رجسٹر {register} میں اس کے آخری صفحے کے بعد شامل ہوں گے۔</translation>
        </message>
        <message>
            <source>Drop image, TIFF or PDF files or folders here. Pages are numbered in this order.</source>
            <translation>تصویر، TIFF یا PDF فائلیں یا فولڈر یہاں چھوڑیں۔ صفحات اسی ترتیب سے نمبر پائیں گے۔</translation>
        </message>
        <message>
            <source>Read the pages with OCR after import</source>
            <translation>درآمد کے بعد صفحات OCR سے پڑھیں</translation>
        </message>
        <message>
            <source>Import</source>
            <translation>درآمد کریں</translation>
        </message>
        <message>
            <source>Stop import</source>
            <translation>درآمد روکیں</translation>
        </message>
        <message>
            <source>Stop after the page being saved; the pages saved stay in the register.</source>
            <translation>جو صفحہ محفوظ ہو رہا ہے اس کے بعد رک جائے گی؛ محفوظ ہو چکے صفحات رجسٹر میں رہیں گے۔</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>بند کریں</translation>
        </message>
        <message numerus="yes">
            <source>Reading {n} file(s)…</source>
            <translation>
                <numerusform>⁦{n}⁩ فائل پڑھی جا رہی ہے…</numerusform>
                <numerusform>⁦{n}⁩ فائلیں پڑھی جا رہی ہیں…</numerusform>
            </translation>
        </message>
        <message>
            <source>{name}: the same image is already page {page} of {register}; it is left out.</source>
            <translation>⁦{name}⁩: یہی تصویر پہلے سے {register} کا صفحہ ⁦{page}⁩ ہے؛ یہ چھوڑ دی جائے گی۔</translation>
        </message>
        <message>
            <source>{name}: the same image as {other} above; it is left out.</source>
            <translation>⁦{name}⁩: یہ وہی تصویر ہے جو اوپر ⁦{other}⁩ میں ہے؛ یہ چھوڑ دی جائے گی۔</translation>
        </message>
        <message numerus="yes">
            <source>Reading… {n} page(s) so far.</source>
            <translation>
                <numerusform>پڑھا جا رہا ہے… اب تک ⁦{n}⁩ صفحہ۔</numerusform>
                <numerusform>پڑھا جا رہا ہے… اب تک ⁦{n}⁩ صفحات۔</numerusform>
            </translation>
        </message>
        <message>
            <source>1 page ready to import as page {first}.</source>
            <translation>ایک صفحہ درآمد کے لیے تیار ہے: صفحہ نمبر ⁦{first}⁩۔</translation>
        </message>
        <message>
            <source>{n} page(s) ready to import as pages {first}–{last}.</source>
            <translation>⁦{n}⁩ صفحات درآمد کے لیے تیار ہیں: صفحہ نمبر ⁦{first}⁩ تا ⁦{last}⁩۔</translation>
        </message>
        <message numerus="yes">
            <source>{n} page(s) ready to import.</source>
            <translation>
                <numerusform>⁦{n}⁩ صفحہ درآمد کے لیے تیار ہے۔</numerusform>
                <numerusform>⁦{n}⁩ صفحات درآمد کے لیے تیار ہیں۔</numerusform>
            </translation>
        </message>
        <message>
            <source>No new pages to import.</source>
            <translation>درآمد کے لیے کوئی نیا صفحہ نہیں۔</translation>
        </message>
        <message numerus="yes">
            <source>{bad} file(s) cannot be read and will be left out (in red).</source>
            <translation>
                <numerusform>{bad} فائل پڑھی نہیں جا سکتی اور چھوڑ دی جائے گی (سرخ رنگ میں)۔</numerusform>
                <numerusform>{bad} فائلیں پڑھی نہیں جا سکتیں اور چھوڑ دی جائیں گی (سرخ رنگ میں)۔</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>{n} file(s) hold a page imported before or listed above and will be left out (in grey).</source>
            <translation>
                <numerusform>⁦{n}⁩ فائل میں ایسا صفحہ ہے جو پہلے درآمد ہو چکا یا اوپر فہرست میں ہے؛ یہ چھوڑ دی جائے گی (سرمئی رنگ میں)۔</numerusform>
                <numerusform>⁦{n}⁩ فائلوں میں ایسا صفحہ ہے جو پہلے درآمد ہو چکا یا اوپر فہرست میں ہے؛ یہ چھوڑ دی جائیں گی (سرمئی رنگ میں)۔</numerusform>
            </translation>
        </message>
        <message>
            <source>Choose page files</source>
            <translation>صفحات کی فائلیں منتخب کریں</translation>
        </message>
        <message>
            <source>Pages ({patterns})</source>
            <translation>صفحات (⁦{patterns}⁩)</translation>
        </message>
        <message>
            <source>Choose a folder of pages</source>
            <translation>صفحات کا فولڈر منتخب کریں</translation>
        </message>
        <message>
            <source>Importing…</source>
            <translation>درآمد ہو رہی ہے…</translation>
        </message>
        <message>
            <source>Importing… {done} of {total} file(s) done.</source>
            <translation>درآمد ہو رہی ہے… ⁦{total}⁩ میں سے ⁦{done}⁩ فائلیں ہو گئیں۔</translation>
        </message>
        <message>
            <source>Import stopped: {error}</source>
            <translation>درآمد رک گئی: {error}</translation>
        </message>
        <message>
            <source>Stopping the import after the page being saved…</source>
            <translation>جو صفحہ محفوظ ہو رہا ہے اس کے بعد درآمد روکی جا رہی ہے…</translation>
        </message>
    </context>
    <context>
        <name>KeyboardDock</name>
        <message>
            <source>Urdu keyboard</source>
            <translation>اردو کی بورڈ</translation>
        </message>
    </context>
    <context>
        <name>KeyingAids</name>
        <message>
            <source>Suggestions unavailable: {error}</source>
            <translation>تجاویز دستیاب نہیں: {error}</translation>
        </message>
        <message>
            <source>{value} — {key} takes it</source>
            <translation>{value} — ⁦{key}⁩ سے لیں</translation>
        </message>
        <message>
            <source>Suggestions closed: the word is whole. Esc again cancels the edit.</source>
            <translation>تجاویز کی فہرست بند ہو گئی: لفظ پورا ہے۔ Esc دوبارہ دبانے سے تبدیلی منسوخ ہو گی۔</translation>
        </message>
        <message>
            <source>Nothing above to repeat</source>
            <translation>اوپر دہرانے کو کچھ نہیں</translation>
        </message>
        <message>
            <source>Ditto (value above)</source>
            <translation>ایضاً (اوپر والا اندراج)</translation>
        </message>
        <message>
            <source>Same owner as above</source>
            <translation>مالک وہی جو اوپر</translation>
        </message>
        <message>
            <source>Take offered value</source>
            <translation>تجویز کردہ اندراج لیں</translation>
        </message>
        <message>
            <source>No value follows for this field</source>
            <translation>اس خانے کے لیے اگلا اندراج نہیں</translation>
        </message>
    </context>
    <context>
        <name>LockDialog</name>
        <message>
            <source>Daftar is locked</source>
            <translation>دفتر مقفل ہے</translation>
        </message>
        <message>
            <source>Daftar locked its window after {minutes} minutes without use, so that nobody works under your name.</source>
            <translation>{minutes} منٹ تک استعمال نہ ہونے پر دفتر نے اپنی ونڈو مقفل کر دی، تاکہ کوئی اور آپ کے نام سے کام نہ کرے۔</translation>
        </message>
        <message>
            <source>Daftar's window is locked, so that nobody works under your name.</source>
            <translation>دفتر کی ونڈو مقفل ہے، تاکہ کوئی اور آپ کے نام سے کام نہ کرے۔</translation>
        </message>
        <message>
            <source>{user}: type your password to go on where you were. Anyone else: Sign out, then sign in.</source>
            <translation>{user}: جہاں کام چھوڑا تھا وہیں سے جاری رکھنے کے لیے اپنا پاس ورڈ لکھیں۔ کوئی اور ہو تو «باہر نکلیں» دبائے، پھر اپنے نام سے داخل ہو۔</translation>
        </message>
        <message>
            <source>{name} ({user}): type your password to go on where you were. Anyone else: Sign out, then sign in.</source>
            <translation>{name} ({user}): جہاں کام چھوڑا تھا وہیں سے جاری رکھنے کے لیے اپنا پاس ورڈ لکھیں۔ کوئی اور ہو تو «باہر نکلیں» دبائے، پھر اپنے نام سے داخل ہو۔</translation>
        </message>
        <message>
            <source>Password</source>
            <translation>پاس ورڈ</translation>
        </message>
        <message>
            <source>Unlock</source>
            <translation>کھولیں</translation>
        </message>
        <message>
            <source>Sign out</source>
            <translation>باہر نکلیں (دوسرا صارف)</translation>
        </message>
        <message>
            <source>Type your password.</source>
            <translation>اپنا پاس ورڈ لکھیں۔</translation>
        </message>
        <message>
            <source>Still locked: {reason}</source>
            <translation>ابھی مقفل ہے: {reason}</translation>
        </message>
        <message>
            <source>Checking the password…</source>
            <translation>پاس ورڈ جانچا جا رہا ہے…</translation>
        </message>
    </context>
    <context>
        <name>LoginDialog</name>
        <message>
            <source>Daftar — sign in</source>
            <translation>دفتر — داخلہ</translation>
        </message>
        <message>
            <source>Workspace: {path}</source>
            <translation>ورک اسپیس: ⁦{path}⁩</translation>
        </message>
        <message>
            <source>This workspace is encrypted: your password also unlocks it.</source>
            <translation>یہ ورک اسپیس خفیہ (انکرپٹڈ) ہے: آپ کا پاس ورڈ ہی اسے کھولتا ہے۔</translation>
        </message>
        <message>
            <source>User name</source>
            <translation>صارف نام</translation>
        </message>
        <message>
            <source>Password</source>
            <translation>پاس ورڈ</translation>
        </message>
        <message>
            <source>Forgot the password?</source>
            <translation>پاس ورڈ بھول گئے؟</translation>
        </message>
        <message>
            <source>Ask the administrator to set a new password (Account › Users › Reset password). If no administrator can sign in, IT staff can set one on this computer with: {command}</source>
            <translation>منتظم سے نیا پاس ورڈ لگوائیں (اکاؤنٹ › صارفین › پاس ورڈ نیا کریں)۔ اگر کوئی منتظم داخل نہ ہو سکے تو آئی ٹی عملہ اسی کمپیوٹر پر یہ حکم چلا کر نیا پاس ورڈ لگا سکتا ہے: {command}</translation>
        </message>
        <message>
            <source>Sign in with the new password; you will then choose your own.</source>
            <translation>نئے پاس ورڈ سے داخل ہوں؛ اس کے بعد آپ اپنا پاس ورڈ چنیں گے۔</translation>
        </message>
        <message>
            <source>Type your user name and password.</source>
            <translation>اپنا صارف نام اور پاس ورڈ لکھیں۔</translation>
        </message>
        <message>
            <source>Not signed in: {reason}</source>
            <translation>داخلہ نہیں ہوا: {reason}</translation>
        </message>
        <message>
            <source>Checking the password…</source>
            <translation>پاس ورڈ جانچا جا رہا ہے…</translation>
        </message>
        <message>
            <source>This computer's date is wrong</source>
            <translation>اس کمپیوٹر کی تاریخ غلط ہے</translation>
        </message>
    </context>
    <context>
        <name>Main</name>
        <message>
            <source>Daftar</source>
            <translation>دفتر</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>Daftar — {user} — {role}</source>
            <translation>دفتر — {user} — {role}</translation>
        </message>
        <message>
            <source>Registers</source>
            <translation>رجسٹر</translation>
        </message>
        <message>
            <source>New register…</source>
            <translation>نیا رجسٹر…</translation>
        </message>
        <message>
            <source>Pages</source>
            <translation>صفحات</translation>
        </message>
        <message>
            <source>Page</source>
            <translation>صفحہ</translation>
        </message>
        <message>
            <source>Register rows</source>
            <translation>رجسٹر کے اندراج</translation>
        </message>
        <message>
            <source>Workspace: {path}</source>
            <translation>ورک اسپیس: ⁦{path}⁩</translation>
        </message>
        <message>
            <source>No registers yet. Create one with New register… (Ctrl+N), then import its pages (Ctrl+I) or scan them.</source>
            <translation>ابھی کوئی رجسٹر نہیں۔ «نیا رجسٹر…» (Ctrl+N) سے ایک بنائیں، پھر اس کے صفحات درآمد (Ctrl+I) یا اسکین کریں۔</translation>
        </message>
        <message>
            <source>No registers yet: clerks create them. First add the office's clerks, supervisors and a revenue officer, who verifies approved entries before they are sent (Account → Users…); an office without one turns that off in Account → Preferences….</source>
            <translation>ابھی کوئی رجسٹر نہیں: رجسٹر کلرک بناتے ہیں۔ پہلے دفتر کے کلرک، نگران اور ریونیو افسر شامل کریں، جو منظور شدہ اندراج بھیجنے سے پہلے ان کی تصدیق کرتا ہے (اکاؤنٹ ← صارفین…)؛ جس دفتر میں ریونیو افسر نہ ہو وہ یہ شرط اکاؤنٹ ← ترجیحات… میں ختم کرے۔</translation>
        </message>
        <message>
            <source>No registers yet: clerks create them. Pages they submit come to Review.</source>
            <translation>ابھی کوئی رجسٹر نہیں: رجسٹر کلرک بناتے ہیں۔ ان کے پیش کردہ صفحات پڑتال میں آتے ہیں۔</translation>
        </message>
        <message>
            <source>This register has no pages yet. Import them with Import pages… (Ctrl+I) or scan them (Register › Scan pages…).</source>
            <translation>اس رجسٹر میں ابھی کوئی صفحہ نہیں۔ «صفحات درآمد کریں…» (Ctrl+I) سے اس کے صفحات درآمد کریں یا انہیں اسکین کریں (رجسٹر › صفحات اسکین کریں…)۔</translation>
        </message>
        <message>
            <source>This register has no pages yet.</source>
            <translation>اس رجسٹر میں ابھی کوئی صفحہ نہیں۔</translation>
        </message>
        <message>
            <source>Create or choose a register first.</source>
            <translation>پہلے رجسٹر بنائیں یا منتخب کریں۔</translation>
        </message>
        <message>
            <source>Choose the page to move first.</source>
            <translation>پہلے منتقل کرنے والا صفحہ منتخب کریں۔</translation>
        </message>
        <message>
            <source>There is no other register: create the right one first.</source>
            <translation>کوئی دوسرا رجسٹر نہیں: پہلے درست رجسٹر بنائیں۔</translation>
        </message>
        <message>
            <source>Move page</source>
            <translation>صفحہ منتقل کریں</translation>
        </message>
        <message>
            <source>Move page {n} to the register:</source>
            <translation>صفحہ ⁦{n}⁩ اس رجسٹر میں منتقل کریں:</translation>
        </message>
        <message>
            <source>Page {n} moved to {register}; it is read again there.</source>
            <translation>صفحہ ⁦{n}⁩ {register} میں منتقل ہو گیا؛ وہاں دوبارہ پڑھا جا رہا ہے۔</translation>
        </message>
        <message>
            <source>OCR failed on a page: {error} (OCR → Retry failed pages)</source>
            <translation>ایک صفحے پر OCR ناکام: {error} (OCR ← ناکام صفحات دوبارہ پڑھیں)</translation>
        </message>
        <message numerus="yes">
            <source>%n selected page(s) have no scanned image (copied from the previous edition): nothing to read; correct their rows by hand.</source>
            <translation>
                <numerusform>منتخب %n صفحے کی اسکین شدہ تصویر نہیں (پچھلے ایڈیشن سے نقل شدہ): پڑھنے کو کچھ نہیں؛ اس کی سطریں ہاتھ سے درست کریں۔</numerusform>
                <numerusform>منتخب %n صفحات کی اسکین شدہ تصویر نہیں (پچھلے ایڈیشن سے نقل شدہ): پڑھنے کو کچھ نہیں؛ ان کی سطریں ہاتھ سے درست کریں۔</numerusform>
            </translation>
        </message>
        <message>
            <source>Backup written: {path} ({entries} entries, {images} page images, {mb} MB). Keep it away from this computer: a fire or a thief takes both.</source>
            <translation>بیک اپ لکھ دیا گیا: ⁦{path}⁩ ({entries} اندراجات، {images} صفحات کی تصاویر، {mb} MB)۔ اسے اس کمپیوٹر سے دور رکھیں: آگ یا چور دونوں لے جاتے ہیں۔</translation>
        </message>
        <message>
            <source>A batch of {n} entries is saved: {path} Take it to the central office, where it is given to the server (daftar batch import); if it is also sent online, the server keeps it once.</source>
            <translation>⁦{n}⁩ اندراجات کا بیچ محفوظ ہو گیا: ⁦{path}⁩ اسے مرکزی دفتر لے جائیں، جہاں یہ سرور کو دیا جاتا ہے (daftar batch import)؛ اگر یہ آن لائن بھی بھیجا جائے تو سرور اسے ایک ہی بار رکھتا ہے۔</translation>
        </message>
    </context>
    <context>
        <name>Messages</name>
        <message>
            <source>wrong user name or password</source>
            <translation>صارف نام یا پاس ورڈ غلط ہے</translation>
        </message>
        <message>
            <source>wrong user name or password; the account is locked for {0} seconds</source>
            <translation>صارف نام یا پاس ورڈ غلط ہے؛ اکاؤنٹ {0} سیکنڈ کے لیے بند کر دیا گیا ہے</translation>
        </message>
        <message>
            <source>wrong password</source>
            <translation>پاس ورڈ غلط ہے</translation>
        </message>
        <message>
            <source>wrong password; the account is locked for {0} seconds</source>
            <translation>پاس ورڈ غلط ہے؛ اکاؤنٹ {0} سیکنڈ کے لیے بند کر دیا گیا ہے</translation>
        </message>
        <message>
            <source>too many wrong passwords: try again in {0} seconds or ask the administrator</source>
            <translation>بہت زیادہ غلط پاس ورڈ: {0} سیکنڈ بعد دوبارہ کوشش کریں یا منتظم سے رابطہ کریں</translation>
        </message>
        <message>
            <source>the account {0} is disabled: an administrator must enable it again</source>
            <translation>اکاؤنٹ {0} بند ہے: منتظم اسے دوبارہ کھولے</translation>
        </message>
        <message>
            <source>the password must have at least {0} characters</source>
            <translation>پاس ورڈ میں کم از کم {0} حروف ہونے چاہئیں</translation>
        </message>
        <message>
            <source>the password must not be the user name</source>
            <translation>پاس ورڈ صارف نام جیسا نہیں ہونا چاہیے</translation>
        </message>
        <message>
            <source>the recovery code is not right for this workspace</source>
            <translation>یہ بحالی کوڈ اس ورک اسپیس کا نہیں</translation>
        </message>
        <message>
            <source>this workspace is encrypted: its recovery code is needed</source>
            <translation>یہ ورک اسپیس خفیہ (انکرپٹڈ) ہے: اس کا بحالی کوڈ درکار ہے</translation>
        </message>
        <message>
            <source>this workspace is not encrypted and has no recovery code: say so on purpose (`--without-code`) to set a new password</source>
            <translation>یہ ورک اسپیس خفیہ نہیں اور اس کا کوئی بحالی کوڈ نہیں: نیا پاس ورڈ لگانے کے لیے جان بوجھ کر یہ کہیں (`--without-code`)</translation>
        </message>
        <message>
            <source>this key does not belong to this workspace</source>
            <translation>یہ کلید اس ورک اسپیس کی نہیں</translation>
        </message>
        <message>
            <source>the user name '{0}' is taken</source>
            <translation>صارف نام «{0}» پہلے سے موجود ہے</translation>
        </message>
        <message>
            <source>the user name is empty</source>
            <translation>صارف نام خالی ہے</translation>
        </message>
        <message>
            <source>the user name '{0}' holds {1}: a user name may hold only letters (Urdu or English), digits and . _ -</source>
            <translation>صارف نام «{0}» میں {1} ہے: صارف نام میں صرف حروف (اردو یا انگریزی)، ہندسے اور ⁦. _ -⁩ ہو سکتے ہیں</translation>
        </message>
        <message>
            <source>a space</source>
            <translation>خالی جگہ</translation>
        </message>
        <message>
            <source>the character U+{0}</source>
            <translation>حرف ⁦U+{0}⁩</translation>
        </message>
        <message>
            <source>the password of {0} was set by the administrator: {1} must first sign in to the app and choose their own password</source>
            <translation>⁦{0}⁩ کا پاس ورڈ منتظم نے رکھا ہے: ⁦{1}⁩ پہلے ایپ میں سائن اِن کر کے اپنا پاس ورڈ چنیں</translation>
        </message>
        <message>
            <source>only an administrator can create users</source>
            <translation>صارف صرف منتظم بنا سکتا ہے</translation>
        </message>
        <message>
            <source>only an administrator can enable or disable users</source>
            <translation>صارف کو فعال یا غیر فعال صرف منتظم کر سکتا ہے</translation>
        </message>
        <message>
            <source>you cannot disable your own account</source>
            <translation>آپ اپنا اکاؤنٹ غیر فعال نہیں کر سکتے</translation>
        </message>
        <message>
            <source>{0} is not disabled</source>
            <translation>{0} غیر فعال نہیں</translation>
        </message>
        <message>
            <source>the current password is wrong</source>
            <translation>موجودہ پاس ورڈ غلط ہے</translation>
        </message>
        <message>
            <source>there is no user '{0}' in this workspace</source>
            <translation>اس ورک اسپیس میں «{0}» نام کا کوئی صارف نہیں</translation>
        </message>
        <message>
            <source>`--without-code` does not apply: this workspace is encrypted, so only its recovery code can set a new password</source>
            <translation>`--without-code` یہاں لاگو نہیں: یہ ورک اسپیس خفیہ ہے، اس لیے نیا پاس ورڈ صرف اس کے بحالی کوڈ سے لگ سکتا ہے</translation>
        </message>
        <message>
            <source>no such user</source>
            <translation>ایسا کوئی صارف نہیں</translation>
        </message>
        <message>
            <source>{0}: OCR is unsure of '{1}' ({2}); check it against the page</source>
            <translation>{0}: OCR کو «{1}» پر یقین نہیں ({2})؛ صفحے سے ملا کر دیکھیں</translation>
        </message>
        <message>
            <source>{0}: the number readers disagree: '{1}' or '{2}'; check it against the page</source>
            <translation>{0}: نمبر پڑھنے کے دونوں طریقے متفق نہیں: «{1}» یا «{2}»؛ صفحے سے ملا کر دیکھیں</translation>
        </message>
        <message>
            <source>{0}: '{1}' is not in this office's records yet; check it against the page</source>
            <translation>{0}: «{1}» اس دفتر کے ریکارڈ میں ابھی نہیں؛ صفحے سے ملا کر دیکھیں</translation>
        </message>
        <message>
            <source>{0}: read '{1}', a letter or two from the register term '{2}'; check it against the page</source>
            <translation>{0}: «{1}» پڑھا گیا، جو رجسٹر کی اصطلاح «{2}» سے ایک دو حروف مختلف ہے؛ صفحے سے ملا کر دیکھیں</translation>
        </message>
        <message>
            <source>{0}: nothing was read; type it from the page</source>
            <translation>{0}: کچھ پڑھا نہیں گیا؛ صفحے سے دیکھ کر لکھیں</translation>
        </message>
        <message>
            <source>{0}: read '{1}', which does not fit: {2}</source>
            <translation>{0}: «{1}» پڑھا گیا، جو درست نہیں: {2}</translation>
        </message>
        <message>
            <source>row {0}, {1}</source>
            <translation>سطر {0}، {1}</translation>
        </message>
        <message>
            <source>Row {0}</source>
            <translation>سطر {0}</translation>
        </message>
        <message>
            <source>Row {0} ({1})</source>
            <translation>سطر {0} ({1})</translation>
        </message>
        <message>
            <source>khewat {0}</source>
            <translation>کھیوٹ {0}</translation>
        </message>
        <message>
            <source>khewat {0} khatooni {1}</source>
            <translation>کھیوٹ {0} کھتونی {1}</translation>
        </message>
        <message>
            <source>{0}: {1}: {2}</source>
            <translation>{0}: {1}: {2}</translation>
        </message>
        <message>
            <source>{0}: {1}</source>
            <translation>{0}: {1}</translation>
        </message>
        <message>
            <source>{0}, {1}</source>
            <translation>{0}، {1}</translation>
        </message>
        <message>
            <source>mutation {0}</source>
            <translation>انتقال {0}</translation>
        </message>
        <message>
            <source>khatooni {0}</source>
            <translation>کھتونی {0}</translation>
        </message>
        <message>
            <source>khewat {0}, khatooni {1}</source>
            <translation>کھیوٹ {0}، کھتونی {1}</translation>
        </message>
        <message>
            <source>khasra {0}</source>
            <translation>خسرہ {0}</translation>
        </message>
        <message>
            <source>{0} is empty; it is required</source>
            <translation>{0} خالی ہے؛ یہ لازمی ہے</translation>
        </message>
        <message>
            <source>Page header: {0}</source>
            <translation>صفحے کی سرخی: {0}</translation>
        </message>
        <message>
            <source>Khewat {0}: the owners' shares add up to {1}, more than the whole (1) ({2}); the total passes 1 at row {3}. Check the shares.</source>
            <translation>کھیوٹ {0}: مالکان کے حصوں کا جوڑ {1} ہے، پورے (⁦1⁩) سے زیادہ ({2})؛ سطر {3} پر جوڑ ⁦1⁩ سے بڑھ جاتا ہے۔ حصے دیکھیں۔</translation>
        </message>
        <message>
            <source>Khewat {0}: the owners' shares add up to {1}, less than the whole (1) ({2}); {3} is missing. Check the shares, or the khewat continues on another page.</source>
            <translation>کھیوٹ {0}: مالکان کے حصوں کا جوڑ {1} ہے، پورے (⁦1⁩) سے کم ({2})؛ {3} کم ہے۔ حصے دیکھیں، یا کھیوٹ اگلے صفحے پر جاری ہے۔</translation>
        </message>
        <message>
            <source>Khewat {0}: the total on row {1} is {2} but the areas of its khasras add up to {3} ({4} less). Check the areas and the total.</source>
            <translation>کھیوٹ {0}: سطر {1} پر میزان {2} ہے مگر اس کے خسروں کے رقبوں کا جوڑ {3} ہے ({4} کم)۔ رقبے اور میزان دیکھیں۔</translation>
        </message>
        <message>
            <source>Khewat {0}: the total on row {1} is {2} but the areas of its khasras add up to {3} ({4} more). Check the areas and the total.</source>
            <translation>کھیوٹ {0}: سطر {1} پر میزان {2} ہے مگر اس کے خسروں کے رقبوں کا جوڑ {3} ہے ({4} زیادہ)۔ رقبے اور میزان دیکھیں۔</translation>
        </message>
        <message>
            <source>{0}: khasras {1} have area {2} here but {3} on row {4}; the first is used for the khewat total. Correct the one that is wrong.</source>
            <translation>{0}: خسرہ جات {1} کا رقبہ یہاں {2} ہے مگر سطر {4} پر {3}؛ کھیوٹ کے میزان میں پہلا لیا گیا ہے۔ جو غلط ہو اسے درست کریں۔</translation>
        </message>
        <message>
            <source>{0}: khasra {1} has area {2} here but {3} on row {4}; the first is used for the khewat total. Correct the one that is wrong.</source>
            <translation>{0}: خسرہ {1} کا رقبہ یہاں {2} ہے مگر سطر {4} پر {3}؛ کھیوٹ کے میزان میں پہلا لیا گیا ہے۔ جو غلط ہو اسے درست کریں۔</translation>
        </message>
        <message>
            <source>{0}: crop area {1} is more than the khasra's area {2}. Check both.</source>
            <translation>{0}: رقبہ فصل {1} خسرے کے رقبے {2} سے زیادہ ہے۔ دونوں دیکھیں۔</translation>
        </message>
        <message>
            <source>{0}: the crops of khasra {1} ({2}) cover {3}, more than its area {4}. Check the crop areas.</source>
            <translation>{0}: خسرہ {1} ({2}) کی فصلوں کا رقبہ {3} ہے، اس کے رقبے {4} سے زیادہ۔ فصلوں کے رقبے دیکھیں۔</translation>
        </message>
        <message>
            <source>{0}: {1} has share {2} here but {3} on row {4}; an owner has one share in a khewat.</source>
            <translation>{0}: {1} کا حصہ یہاں {2} ہے مگر سطر {4} پر {3}؛ کھیوٹ میں ایک مالک کا ایک ہی حصہ ہوتا ہے۔</translation>
        </message>
        <message>
            <source>{0}: khasra {1} is already under {2} on row {3}; a khasra belongs to one khatooni of one khewat. Correct the khasra number or the khewat/khatooni.</source>
            <translation>{0}: خسرہ {1} سطر {3} پر پہلے ہی {2} میں ہے؛ ایک خسرہ ایک ہی کھیوٹ کی ایک ہی کھتونی میں ہوتا ہے۔ نمبر خسرہ یا کھیوٹ/کھتونی درست کریں۔</translation>
        </message>
        <message>
            <source>row {0}</source>
            <translation>سطر {0}</translation>
        </message>
        <message>
            <source>rows {0}</source>
            <translation>سطریں {0}</translation>
        </message>
        <message>
            <source>rows {0} and {1} more</source>
            <translation>سطریں {0} اور {1} مزید</translation>
        </message>
        <message>
            <source>Row {0} is not a row of fields (got {1}); enter it again</source>
            <translation>سطر {0} خانوں کی سطر نہیں (ملا: {1})؛ دوبارہ درج کریں</translation>
        </message>
        <message>
            <source>The page header is not a set of fields; enter it again</source>
            <translation>صفحے کی سرخی خانوں کا مجموعہ نہیں؛ دوبارہ درج کریں</translation>
        </message>
        <message>
            <source>Page header: {0}: {1}</source>
            <translation>صفحے کی سرخی: {0}: {1}</translation>
        </message>
        <message>
            <source>new owner proposed by {0}: confirm or delete this row</source>
            <translation>{0} سے تجویز کردہ نیا مالک: اس سطر کی تصدیق کریں یا اسے حذف کریں</translation>
        </message>
        <message>
            <source>{0}: share {1} (area {2}) passed to {3}; correct this owner's share and confirm</source>
            <translation>{0}: حصہ {1} (رقبہ {2}) {3} کو منتقل ہوا؛ اس مالک کا حصہ درست کر کے تصدیق کریں</translation>
        </message>
        <message>
            <source>intiqal {0} ({1})</source>
            <translation>انتقال {0} ({1})</translation>
        </message>
        <message>
            <source>intiqal {0} ({1}, {2})</source>
            <translation>انتقال {0} ({1}، {2})</translation>
        </message>
        <message>
            <source>'{0}' is not one of the choices for {1}: {2}</source>
            <translation>«{0}» {1} کے انتخاب میں شامل نہیں: {2}</translation>
        </message>
        <message>
            <source>'{0}' could not be read as {1} ({2})</source>
            <translation>«{0}» کو {1} کے طور پر پڑھا نہیں جا سکا ({2})</translation>
        </message>
        <message>
            <source>'{0}' is not a whole number</source>
            <translation>«{0}» پورا عدد نہیں</translation>
        </message>
        <message>
            <source>'{0}' is not a khasra number: write 125, 125/5 or 125/5/1</source>
            <translation>«{0}» خسرہ نمبر نہیں: ⁦125⁩، ⁦125/5⁩ یا ⁦125/5/1⁩ لکھیں</translation>
        </message>
        <message>
            <source>'{0}': a khasra number has an empty part; write 125/5</source>
            <translation>«{0}»: خسرہ نمبر کا ایک حصہ خالی ہے؛ ⁦125/5⁩ لکھیں</translation>
        </message>
        <message>
            <source>'{0}': khasra {1} is listed twice</source>
            <translation>«{0}»: خسرہ {1} دو بار درج ہے</translation>
        </message>
        <message>
            <source>'{0}' is not a date: write day-month-year, for example 14-03-2019</source>
            <translation>«{0}» تاریخ نہیں: دن-مہینہ-سال لکھیں، مثلاً ⁦14-03-2019⁩</translation>
        </message>
        <message>
            <source>'{0}' is not an area: write kanal-marla (12-5) or kanal-marla-sarsai (12-5-3)</source>
            <translation>«{0}» رقبہ نہیں: کنال-مرلہ (⁦12-5⁩) یا کنال-مرلہ-سرسائی (⁦12-5-3⁩) لکھیں</translation>
        </message>
        <message>
            <source>'{0}': marla must be below {1}</source>
            <translation>«{0}»: مرلے {1} سے کم ہونے چاہئیں</translation>
        </message>
        <message>
            <source>'{0}': sarsai must be below {1}</source>
            <translation>«{0}»: سرسائی {1} سے کم ہونی چاہیے</translation>
        </message>
        <message>
            <source>'{0}' is not a share: write parts/total, for example 3/8</source>
            <translation>«{0}» حصہ نہیں: حصے/کل لکھیں، مثلاً ⁦3/8⁩</translation>
        </message>
        <message>
            <source>'{0}': the total of a share cannot be 0</source>
            <translation>«{0}»: حصے کا کل صفر نہیں ہو سکتا</translation>
        </message>
        <message>
            <source>'{0}': parts ({1}) cannot exceed the total ({2})</source>
            <translation>«{0}»: حصے ({1}) کل ({2}) سے زیادہ نہیں ہو سکتے</translation>
        </message>
        <message>
            <source>{0} is required</source>
            <translation>{0} لازمی ہے</translation>
        </message>
        <message>
            <source>'{0}': a number this long is not an area; check the digits</source>
            <translation>«{0}»: اتنا لمبا عدد رقبہ نہیں ہو سکتا؛ ہندسے دیکھیں</translation>
        </message>
        <message>
            <source>'{0}': a number this long is not a share; check the digits</source>
            <translation>«{0}»: اتنا لمبا عدد حصہ نہیں ہو سکتا؛ ہندسے دیکھیں</translation>
        </message>
        <message>
            <source>{0} is above the largest allowed {1} ({2})</source>
            <translation>{0} سب سے بڑے جائز {1} ({2}) سے زیادہ ہے</translation>
        </message>
        <message>
            <source>'{0}' has too many digits for a {1}</source>
            <translation>«{0}» میں {1} کے لیے بہت زیادہ ہندسے ہیں</translation>
        </message>
        <message>
            <source>'{0}': no khasra numbers; write them separated by commas: 125/5، 126</source>
            <translation>«{0}»: کوئی نمبر خسرہ نہیں؛ انہیں کامے سے الگ کر کے لکھیں: ⁦125/5⁩، ⁦126⁩</translation>
        </message>
        <message>
            <source>'{0}': khasra number 0 does not exist</source>
            <translation>«{0}»: خسرہ نمبر ⁦0⁩ نہیں ہوتا</translation>
        </message>
        <message>
            <source>The CA bundle {0} does not exist. Ask IT to set the province's CA file.</source>
            <translation>CA فائل ⁦{0}⁩ موجود نہیں۔ آئی ٹی سے کہیں کہ صوبے کی CA فائل لگائیں۔</translation>
        </message>
        <message>
            <source>Cannot reach the central server at {0}: {1}</source>
            <translation>مرکزی سرور ⁦{0}⁩ تک رسائی نہیں ہو سکی: {1}</translation>
        </message>
        <message>
            <source>The server refused the enrolment ({0}): {1}</source>
            <translation>سرور نے اندراج قبول نہیں کیا (⁦{0}⁩): {1}</translation>
        </message>
        <message>
            <source>The CA bundle {0} cannot be used ({1}): it must be the file of the CA certificate(s) that signed the server's certificate, as text (`-----BEGIN CERTIFICATE-----`). Ask IT for the province's CA file.</source>
            <translation>CA فائل ⁦{0}⁩ کام میں نہیں لائی جا سکتی (⁦{1}⁩): یہ اُن CA سرٹیفکیٹوں کی فائل ہونی چاہیے جنہوں نے سرور کے سرٹیفکیٹ پر دستخط کیے، متن کی صورت میں (⁦`-----BEGIN CERTIFICATE-----`⁩)۔ آئی ٹی سے صوبے کی CA فائل لیں۔</translation>
        </message>
        <message>
            <source>This office is not enrolled with a central server yet. Ask IT to enrol it (`daftar sync --enrol --server URL --code CODE`).</source>
            <translation>یہ دفتر ابھی مرکزی سرور سے منسلک نہیں۔ آئی ٹی سے کہیں کہ اسے منسلک کریں (⁦`daftar sync --enrol --server URL --code CODE`⁩)۔</translation>
        </message>
        <message>
            <source>The server refused the enrolment: {0}.</source>
            <translation>سرور نے اندراج قبول نہیں کیا: {0}۔</translation>
        </message>
        <message>
            <source>Cannot reach the central server at {0} with the CA bundle {1}: {2}</source>
            <translation>مرکزی سرور ⁦{0}⁩ تک CA فائل ⁦{1}⁩ کے ساتھ رسائی نہیں ہو سکی: {2}</translation>
        </message>
        <message>
            <source>This office's access was revoked by the central server; ask the operator. Nothing is sent until the operator issues a new enrolment code and IT enrols the office again.</source>
            <translation>مرکزی سرور نے اس دفتر کی رسائی منسوخ کر دی ہے؛ سرور کے منتظم سے رابطہ کریں۔ جب تک منتظم نیا اندراجی کوڈ جاری نہ کرے اور آئی ٹی دفتر کو دوبارہ منسلک نہ کرے، کچھ نہیں بھیجا جائے گا۔</translation>
        </message>
        <message>
            <source>The central server's disk is full. Nothing was lost: sync will try again later (the server's operator has to free space).</source>
            <translation>مرکزی سرور کی ڈسک بھر گئی ہے۔ کچھ ضائع نہیں ہوا: ہم آہنگی بعد میں دوبارہ کوشش کرے گی (سرور کے منتظم کو جگہ خالی کرنی ہوگی)۔</translation>
        </message>
        <message>
            <source>{0} did not answer as a Daftar server (no device token in its answer): check the address</source>
            <translation>⁦{0}⁩ نے دفتر کے سرور کی طرح جواب نہیں دیا (جواب میں آلے کا ٹوکن نہیں): پتہ دیکھیں</translation>
        </message>
        <message>
            <source>Cannot reach the central server: {0}. Sync will try again.</source>
            <translation>مرکزی سرور تک رسائی نہیں ہو سکی: {0}۔ ہم آہنگی دوبارہ کوشش کرے گی۔</translation>
        </message>
        <message>
            <source>its certificate could not be verified (ask IT to check the CA bundle)</source>
            <translation>اس کے سرٹیفکیٹ کی تصدیق نہیں ہو سکی (آئی ٹی سے CA فائل دیکھنے کو کہیں)</translation>
        </message>
        <message>
            <source>Cannot reach the central server: {0}.</source>
            <translation>مرکزی سرور تک رسائی نہیں ہو سکی: {0}۔</translation>
        </message>
        <message>
            <source>its certificate is not valid on this computer's date ({0}): check that this computer's date and time are right; if they are, the server's certificate has expired (ask IT to renew it)</source>
            <translation>اس کا سرٹیفکیٹ اس کمپیوٹر کی تاریخ ({0}) پر درست نہیں: دیکھیں کہ اس کمپیوٹر کی تاریخ اور وقت درست ہیں؛ اگر درست ہیں تو سرور کا سرٹیفکیٹ ختم ہو چکا ہے (آئی ٹی سے اسے نیا کروائیں)</translation>
        </message>
        <message>
            <source>the connection is too slow or stopped answering</source>
            <translation>رابطہ بہت سست ہے یا جواب دینا بند ہو گیا</translation>
        </message>
        <message>
            <source>no connection</source>
            <translation>رابطہ نہیں</translation>
        </message>
        <message>
            <source>The central server is busy. Sync will try again in {0} seconds.</source>
            <translation>مرکزی سرور مصروف ہے۔ ہم آہنگی {0} سیکنڈ بعد دوبارہ کوشش کرے گی۔</translation>
        </message>
        <message>
            <source>The central server is busy. Sync will try again later.</source>
            <translation>مرکزی سرور مصروف ہے۔ ہم آہنگی بعد میں دوبارہ کوشش کرے گی۔</translation>
        </message>
        <message>
            <source>The central server has a problem (error {0}). Sync will try again later.</source>
            <translation>مرکزی سرور میں خرابی ہے (خرابی {0})۔ ہم آہنگی بعد میں دوبارہ کوشش کرے گی۔</translation>
        </message>
        <message>
            <source>The central server did not accept this office's credentials: {0}. Ask IT to enrol the office again.</source>
            <translation>مرکزی سرور نے اس دفتر کی شناخت قبول نہیں کی: {0}۔ آئی ٹی سے کہیں کہ دفتر کو دوبارہ منسلک کریں۔</translation>
        </message>
        <message>
            <source>The central server refused it: {0}</source>
            <translation>مرکزی سرور نے اسے قبول نہیں کیا: {0}</translation>
        </message>
        <message>
            <source>The network answered with a web page instead of the central server (a Wi-Fi or hotel login page?). Sign in with a browser, then press Sync now.</source>
            <translation>مرکزی سرور کی بجائے نیٹ ورک نے ایک ویب صفحہ بھیجا (وائی فائی یا ہوٹل کا لاگ اِن صفحہ؟)۔ براؤزر سے سائن اِن کریں، پھر «ابھی ہم آہنگ کریں» دبائیں۔</translation>
        </message>
        <message>
            <source>The answer from the server was cut off or garbled. Sync will try again.</source>
            <translation>سرور کا جواب ادھورا یا بگڑا ہوا آیا۔ ہم آہنگی دوبارہ کوشش کرے گی۔</translation>
        </message>
        <message>
            <source>Some page images did not reach the server; they will be sent again.</source>
            <translation>صفحات کی کچھ تصاویر سرور تک نہیں پہنچیں؛ وہ دوبارہ بھیجی جائیں گی۔</translation>
        </message>
        <message>
            <source>The server's answer is not a valid receipt ({0}); maybe a Wi-Fi login page or a proxy answered. Sync will try again.</source>
            <translation>سرور کا جواب درست رسید نہیں ({0})؛ شاید وائی فائی کے لاگ اِن صفحے یا پراکسی نے جواب دیا۔ ہم آہنگی دوبارہ کوشش کرے گی۔</translation>
        </message>
        <message>
            <source>The network answered with something that is not the central server (a Wi-Fi login page?). Sync will try again.</source>
            <translation>نیٹ ورک نے ایسا جواب دیا جو مرکزی سرور کا نہیں (وائی فائی کا لاگ اِن صفحہ؟)۔ ہم آہنگی دوبارہ کوشش کرے گی۔</translation>
        </message>
        <message>
            <source>The central server refused page image {0}: {1}</source>
            <translation>مرکزی سرور نے صفحے کی تصویر ⁦{0}⁩ قبول نہیں کی: {1}</translation>
        </message>
        <message>
            <source>{0} Its batch waits until then; the other batches are sent.</source>
            <translation>{0} اس کا بیچ تب تک رکا رہے گا؛ باقی بیچ بھیجے جا رہے ہیں۔</translation>
        </message>
        <message>
            <source>The server's list of decisions was cut off or garbled. Sync will try again.</source>
            <translation>سرور سے فیصلوں کی فہرست ادھوری یا بگڑی ہوئی آئی۔ ہم آہنگی دوبارہ کوشش کرے گی۔</translation>
        </message>
        <message>
            <source>Rejected by the central office: {0}</source>
            <translation>مرکزی دفتر نے مسترد کیا: {0}</translation>
        </message>
        <message>
            <source>The disk of this computer is full, so the sync result could not be saved. Nothing was lost: free some space and press Sync now.</source>
            <translation>اس کمپیوٹر کی ڈسک بھر گئی ہے، اس لیے ہم آہنگی کا نتیجہ محفوظ نہیں ہو سکا۔ کچھ ضائع نہیں ہوا: کچھ جگہ خالی کریں اور «ابھی ہم آہنگ کریں» دبائیں۔</translation>
        </message>
        <message>
            <source>This entry version was sent before with different content. Server copy {0}, this office's copy {1}. A supervisor must decide which is right: correcting the entry sends this office's copy as a new version.</source>
            <translation>اندراج کا یہ نسخہ پہلے مختلف مواد کے ساتھ بھیجا جا چکا ہے۔ سرور کی نقل ⁦{0}⁩، اس دفتر کی نقل ⁦{1}⁩۔ نگران فیصلہ کرے کہ کون سی درست ہے: اندراج درست کرنے سے اس دفتر کی نقل نئے نسخے کے طور پر جاتی ہے۔</translation>
        </message>
        <message>
            <source>Not sent: another entry in the same batch conflicts with the server's copy.</source>
            <translation>نہیں بھیجا گیا: اسی بیچ کا ایک اور اندراج سرور کی نقل سے ٹکراتا ہے۔</translation>
        </message>
        <message numerus="yes">
            <source>{0} entry version(s) conflict with the server's copy: a supervisor must check them; the batch's other entries are held back until sent again.</source>
            <translation>
                <numerusform>اندراج کا {0} نسخہ سرور کی نقل سے ٹکراتا ہے: نگران اسے دیکھے؛ بیچ کے باقی اندراج دوبارہ بھیجے جانے تک رکے ہیں۔</numerusform>
                <numerusform>اندراج کے {0} نسخے سرور کی نقل سے ٹکراتے ہیں: نگران انہیں دیکھے؛ بیچ کے باقی اندراج دوبارہ بھیجے جانے تک رکے ہیں۔</numerusform>
            </translation>
        </message>
        <message>
            <source>Settled: version {0} of this entry replaces the one in conflict; it is sent once approved.</source>
            <translation>طے ہو گیا: اس اندراج کا نسخہ {0} ٹکرانے والے کی جگہ لیتا ہے؛ منظوری کے بعد بھیجا جائے گا۔</translation>
        </message>
        <message>
            <source>only an administrator can make a recovery code</source>
            <translation>بحالی کا کوڈ صرف منتظم بنا سکتا ہے</translation>
        </message>
        <message>
            <source>this workspace is not encrypted: it has no recovery code</source>
            <translation>یہ ورک اسپیس خفیہ نہیں: اس کا کوئی بحالی کوڈ نہیں</translation>
        </message>
        <message>
            <source>unknown role '{0}'; roles: {1}</source>
            <translation>نامعلوم کردار «{0}»؛ کردار: {1}</translation>
        </message>
        <message>
            <source>only an administrator can reset passwords</source>
            <translation>پاس ورڈ صرف منتظم دوبارہ بنا سکتا ہے</translation>
        </message>
        <message>
            <source>unknown interface language {0}: choose ur or en</source>
            <translation>نامعلوم زبان {0}: ur یا en چنیں</translation>
        </message>
        <message>
            <source>register {0} does not exist</source>
            <translation>رجسٹر {0} موجود نہیں</translation>
        </message>
        <message>
            <source>page image {0}… is not an encrypted Daftar image</source>
            <translation>صفحے کی تصویر ⁦{0}…⁩ دفتر کی خفیہ تصویر نہیں</translation>
        </message>
        <message>
            <source>{0} is missing: this encrypted workspace cannot be opened without it. Restore it from a backup.</source>
            <translation>⁦{0}⁩ موجود نہیں: اس کے بغیر یہ خفیہ ورک اسپیس نہیں کھل سکتی۔ اسے بیک اپ سے بحال کریں۔</translation>
        </message>
        <message>
            <source>{0} is damaged ({1}). Restore it from a backup.</source>
            <translation>⁦{0}⁩ خراب ہے ({1})۔ اسے بیک اپ سے بحال کریں۔</translation>
        </message>
        <message>
            <source>page image {0}… is damaged or belongs to another workspace</source>
            <translation>صفحے کی تصویر ⁦{0}…⁩ خراب ہے یا کسی اور ورک اسپیس کی ہے</translation>
        </message>
        <message>
            <source>'{0}' is not a CNIC: write 13 digits as #####-#######-#</source>
            <translation>«{0}» شناختی کارڈ نمبر نہیں: ⁦13⁩ ہندسے ⁦#####-#######-#⁩ کی طرح لکھیں</translation>
        </message>
        <message>
            <source>{0} is below the smallest allowed {1} ({2})</source>
            <translation>{0} سب سے چھوٹے جائز {1} ({2}) سے کم ہے</translation>
        </message>
        <message>
            <source>'{0}' does not have the form expected for {1}</source>
            <translation>«{0}» {1} کی متوقع صورت میں نہیں</translation>
        </message>
        <message>
            <source>'{0}': year {1} is not plausible for a register</source>
            <translation>«{0}»: سال {1} کسی رجسٹر کا نہیں ہو سکتا</translation>
        </message>
        <message>
            <source>the image is empty (0 bytes)</source>
            <translation>تصویر خالی ہے (⁦0⁩ بائٹ)</translation>
        </message>
        <message>
            <source>The page image {0} is damaged (its content does not match its hash).</source>
            <translation>صفحے کی تصویر ⁦{0}⁩ خراب ہے (اس کا مواد اس کے ہیش سے نہیں ملتا)۔</translation>
        </message>
        <message>
            <source>Cannot save the page image in {0}: {1}</source>
            <translation>صفحے کی تصویر ⁦{0}⁩ میں محفوظ نہیں ہو سکی: {1}</translation>
        </message>
        <message>
            <source>The page image {0}… is missing from {1}. Restore the workspace from a backup.</source>
            <translation>صفحے کی تصویر ⁦{0}…⁩ ⁦{1}⁩ میں موجود نہیں۔ ورک اسپیس کو بیک اپ سے بحال کریں۔</translation>
        </message>
        <message>
            <source>The disk holding {0} is full: the page image was not saved. Free some space and import again; nothing saved before was lost.</source>
            <translation>⁦{0}⁩ والی ڈسک بھر گئی ہے: صفحے کی تصویر محفوظ نہیں ہوئی۔ کچھ جگہ خالی کر کے دوبارہ درآمد کریں؛ پہلے کا محفوظ کچھ ضائع نہیں ہوا۔</translation>
        </message>
        <message>
            <source>cannot write {0}: {1} (is the USB stick full or read-only?)</source>
            <translation>{0} نہیں لکھا جا سکا: {1} (کیا یو ایس بی بھری ہوئی ہے یا صرف پڑھنے کے لیے ہے؟)</translation>
        </message>
        <message>
            <source>{0} already exists: choose another name, nothing was written.</source>
            <translation>{0} پہلے سے موجود ہے: دوسرا نام چنیں، کچھ نہیں لکھا گیا۔</translation>
        </message>
        <message>
            <source>Cannot create the folder {0}: {1}</source>
            <translation>فولڈر {0} نہیں بن سکا: {1}</translation>
        </message>
        <message>
            <source>Cannot copy the database {0}: {1}</source>
            <translation>ڈیٹا بیس {0} کی نقل نہیں بن سکی: {1}</translation>
        </message>
        <message>
            <source>The disk holding {0} is full: no backup was written.</source>
            <translation>{0} والی ڈسک بھری ہوئی ہے: کوئی بیک اپ نہیں لکھا گیا۔</translation>
        </message>
        <message>
            <source>Cannot write the backup {0}: {1}</source>
            <translation>بیک اپ {0} نہیں لکھا جا سکا: {1}</translation>
        </message>
        <message>
            <source>The database {0} is damaged ({1}): a copy of it could not be restored, so no backup was written. Run `daftar check`, then restore the latest good backup.</source>
            <translation>ڈیٹا بیس {0} خراب ہے ({1}): اس کی نقل بحال نہ ہو سکتی، اس لیے کوئی بیک اپ نہیں لکھا گیا۔ ⁦`daftar check`⁩ چلائیں، پھر آخری درست بیک اپ بحال کریں۔</translation>
        </message>
        <message>
            <source>{0} is inside the workspace folder {1}, among Daftar's own files: write the backup onto a USB stick or another disk, or into the workspace's {2}/ folder. No backup was written.</source>
            <translation>{0} ورک اسپیس کے فولڈر {1} کے اندر ہے، دفتر کی اپنی فائلوں کے درمیان: بیک اپ یو ایس بی یا کسی دوسری ڈسک پر لکھیں، یا ورک اسپیس کے ⁦{2}/⁩ فولڈر میں۔ کوئی بیک اپ نہیں لکھا گیا۔</translation>
        </message>
        <message>
            <source>The backup {0} could not be recorded in the audit trail ({1}), so it was removed: no backup was written. Try again in a moment.</source>
            <translation>بیک اپ {0} آڈٹ ریکارڈ میں درج نہیں ہو سکا ({1})، اس لیے اسے ہٹا دیا گیا: کوئی بیک اپ نہیں لکھا گیا۔ تھوڑی دیر بعد دوبارہ کوشش کریں۔</translation>
        </message>
        <message>
            <source>The office's signing key, made for its first export, could not be saved in the workspace {0}: the disk holding it is full or cannot be written ({1}). Free some space on that disk and export again; nothing was exported and nothing saved was lost.</source>
            <translation>دفتر کی دستخطی کلید، جو اس کی پہلی برآمد کے لیے بنی، ورک اسپیس ⁦{0}⁩ میں محفوظ نہیں ہو سکی: اس کی ڈسک بھر گئی ہے یا اس پر لکھا نہیں جا سکتا ({1})۔ اس ڈسک پر کچھ جگہ خالی کر کے دوبارہ برآمد کریں؛ کچھ برآمد نہیں ہوا اور پہلے کا محفوظ کچھ ضائع نہیں ہوا۔</translation>
        </message>
        <message>
            <source>The office's signing key, made for its first export, could not be saved in the workspace {0} ({1}). Close other programs using it and export again, or run `daftar check`; nothing was exported and nothing saved was lost.</source>
            <translation>دفتر کی دستخطی کلید، جو اس کی پہلی برآمد کے لیے بنی، ورک اسپیس ⁦{0}⁩ میں محفوظ نہیں ہو سکی ({1})۔ اسے استعمال کرنے والے دوسرے پروگرام بند کر کے دوبارہ برآمد کریں، یا ⁦`daftar check`⁩ چلائیں؛ کچھ برآمد نہیں ہوا اور پہلے کا محفوظ کچھ ضائع نہیں ہوا۔</translation>
        </message>
        <message>
            <source>{0} cannot be written: the disk holding it is full or failing ({1}). Free some space on that disk and try again; nothing was changed.</source>
            <translation>⁦{0}⁩ پر لکھا نہیں جا سکتا: اس کی ڈسک بھر گئی ہے یا خراب ہے ({1})۔ اس ڈسک پر کچھ جگہ خالی کر کے دوبارہ کوشش کریں؛ کچھ تبدیل نہیں ہوا۔</translation>
        </message>
        <message>
            <source>The folder {0} does not exist (is the USB stick or disk plugged in and mounted?): nothing was written.</source>
            <translation>فولڈر {0} موجود نہیں (کیا یو ایس بی یا ڈسک لگی ہوئی اور کھلی ہے؟): کچھ نہیں لکھا گیا۔</translation>
        </message>
        <message>
            <source>{0} is a file, not a folder: choose a folder for {1}. Nothing was written.</source>
            <translation>{0} فائل ہے، فولڈر نہیں: ⁦{1}⁩ کے لیے فولڈر چنیں۔ کچھ نہیں لکھا گیا۔</translation>
        </message>
        <message>
            <source>{0} is inside the workspace folder {1}, where Daftar keeps its database and page images: choose a file in another folder (a USB stick, Documents)</source>
            <translation>{0} ورک اسپیس کے فولڈر {1} کے اندر ہے، جہاں دفتر اپنا ڈیٹا بیس اور صفحات کی تصاویر رکھتا ہے: کسی اور فولڈر (یو ایس بی، دستاویزات) میں فائل چنیں</translation>
        </message>
        <message>
            <source>{0} is a folder: give the name of a file to write</source>
            <translation>{0} ایک فولڈر ہے: لکھنے کے لیے فائل کا نام دیں</translation>
        </message>
        <message>
            <source>{0} is not an ordinary file: give the name of a file to write</source>
            <translation>{0} عام فائل نہیں: لکھنے کے لیے فائل کا نام دیں</translation>
        </message>
        <message>
            <source>only an administrator can change the office settings</source>
            <translation>دفتر کی ترتیبات صرف منتظم بدل سکتا ہے</translation>
        </message>
        <message>
            <source>there are no approved entries to send: approve entries first</source>
            <translation>بھیجنے کے لیے کوئی منظور شدہ اندراج نہیں: پہلے اندراجات منظور کریں</translation>
        </message>
        <message>
            <source>{0} approved entries wait for a revenue officer's verification: this office requires it before entries are sent</source>
            <translation>{0} منظور شدہ اندراج ریونیو افسر کی تصدیق کے منتظر ہیں: یہ دفتر بھیجنے سے پہلے تصدیق چاہتا ہے</translation>
        </message>
        <message>
            <source>entry {0} version {1} is already in a batch</source>
            <translation>اندراج ⁦{0}⁩ نسخہ {1} پہلے ہی ایک بیچ میں ہے</translation>
        </message>
        <message>
            <source>a {0} cannot send batches again: ask a supervisor</source>
            <translation>{0} بیچ دوبارہ نہیں بھیج سکتا: نگران سے کہیں</translation>
        </message>
        <message>
            <source>no entry of a refused batch is waiting to be sent again in batch {0}</source>
            <translation>بیچ ⁦{0}⁩ میں واپس ہوئے بیچ کا کوئی اندراج دوبارہ بھیجے جانے کا منتظر نہیں</translation>
        </message>
        <message>
            <source>no entry of a refused batch is waiting to be sent again</source>
            <translation>واپس ہوئے بیچ کا کوئی اندراج دوبارہ بھیجے جانے کا منتظر نہیں</translation>
        </message>
        <message>
            <source>batch {0} is not sealed</source>
            <translation>بیچ ⁦{0}⁩ مہر بند نہیں</translation>
        </message>
        <message>
            <source>entries {0} are not approved (or are old versions): only approved entries can be batched</source>
            <translation>اندراجات {0} منظور شدہ نہیں (یا پرانے نسخے ہیں): بیچ میں صرف منظور شدہ اندراج جا سکتے ہیں</translation>
        </message>
        <message>
            <source>there is no batch {0} in this workspace</source>
            <translation>اس ورک اسپیس میں بیچ ⁦{0}⁩ نہیں</translation>
        </message>
        <message>
            <source>batch {0} does not hold entry {1} version {2} as it was sealed: nothing was sent again</source>
            <translation>بیچ ⁦{0}⁩ میں اندراج ⁦{1}⁩ نسخہ {2} ویسا نہیں جیسا مہر لگتے وقت تھا: کچھ دوبارہ نہیں بھیجا گیا</translation>
        </message>
        <message>
            <source>a {0} may not take the server's copy of an entry: ask a supervisor</source>
            <translation>{0} کسی اندراج کی سرور والی نقل نہیں لے سکتا: نگران سے کہیں</translation>
        </message>
        <message>
            <source>entry {0} version {1} is not in conflict with the server's copy (settled already?): nothing was taken</source>
            <translation>اندراج ⁦{0}⁩ نسخہ {1} سرور کی نقل سے نہیں ٹکراتا (پہلے ہی طے ہو چکا؟): کچھ نہیں لیا گیا</translation>
        </message>
        <message>
            <source>the server's copy of entry {0} version {1} does not match its hash: nothing was taken; ask the central server's operator</source>
            <translation>اندراج ⁦{0}⁩ نسخہ {1} کی سرور والی نقل اپنے ہیش سے میل نہیں کھاتی: کچھ نہیں لیا گیا؛ مرکزی سرور کے منتظم سے رابطہ کریں</translation>
        </message>
        <message>
            <source>entry {0} version {1} is no longer in this workspace: nothing was taken</source>
            <translation>اندراج ⁦{0}⁩ نسخہ {1} اب اس ورک اسپیس میں نہیں: کچھ نہیں لیا گیا</translation>
        </message>
        <message>
            <source>entry {0} was changed here since the conflict (version {1} is its newest): nothing was taken; settle it by that version</source>
            <translation>ٹکراؤ کے بعد اندراج ⁦{0}⁩ یہاں بدلا گیا (نسخہ {1} اس کا تازہ ترین ہے): کچھ نہیں لیا گیا؛ اسے اسی نسخے سے طے کریں</translation>
        </message>
        <message>
            <source>entry {0} version {1} is deleted here: nothing was taken</source>
            <translation>اندراج ⁦{0}⁩ نسخہ {1} یہاں حذف شدہ ہے: کچھ نہیں لیا گیا</translation>
        </message>
        <message>
            <source>the server's copy of entry {0} version {1} is of another register ({2}): nothing was taken</source>
            <translation>اندراج ⁦{0}⁩ نسخہ {1} کی سرور والی نقل کسی اور رجسٹر (⁦{2}⁩) کی ہے: کچھ نہیں لیا گیا</translation>
        </message>
        <message>
            <source>the server's copy has a field {0} that the register's template {1} does not have: nothing was taken</source>
            <translation>سرور کی نقل میں خانہ {0} ہے جو رجسٹر کے سانچے ⁦{1}⁩ میں نہیں: کچھ نہیں لیا گیا</translation>
        </message>
        <message>
            <source>the server's copy has a value of {0} that is not text: nothing was taken</source>
            <translation>سرور کی نقل میں {0} کی قدر متن نہیں: کچھ نہیں لیا گیا</translation>
        </message>
        <message>
            <source>nothing was taken: the entry is not what the audit trail recorded, so it was changed outside Daftar: {0}. Run `daftar audit verify` and restore the latest good backup</source>
            <translation>کچھ نہیں لیا گیا: اندراج وہ نہیں جو آڈٹ ریکارڈ میں درج ہے، یعنی اسے دفتر سے باہر بدلا گیا: {0}۔ ⁦`daftar audit verify`⁩ چلائیں اور آخری درست بیک اپ بحال کریں</translation>
        </message>
        <message>
            <source>entry {0} version {1} is not in this workspace's outbox</source>
            <translation>اندراج ⁦{0}⁩ نسخہ {1} اس ورک اسپیس کے بھیجنے کی قطار میں نہیں</translation>
        </message>
        <message>
            <source>no entry {0} is in conflict with the server's copy: `daftar sync --conflicts` lists those that are</source>
            <translation>کوئی اندراج ⁦{0}⁩ سرور کی نقل سے نہیں ٹکراتا: ⁦`daftar sync --conflicts`⁩ ٹکرانے والے اندراج دکھاتا ہے</translation>
        </message>
        <message>
            <source>'{0}' is not an entry: give its id (or its first 8 characters), and its version after a colon if need be (`UUID:2`)</source>
            <translation>⁦'{0}'⁩ کوئی اندراج نہیں: اس کی شناخت (یا اس کے پہلے 8 حروف) دیں، اور ضرورت ہو تو کولن کے بعد نسخہ ⁦(`UUID:2`)⁩</translation>
        </message>
        <message>
            <source>{0}: mutation {1} is dated {2} here but {3} on row {4}; the rows of one mutation have one date and one kind. Correct the one that is wrong, or the mutation number.</source>
            <translation>{0}: انتقال {1} کی تاریخ یہاں {2} ہے مگر سطر {4} پر {3}؛ ایک انتقال کی سب سطروں کی ایک تاریخ اور ایک قسم ہوتی ہے۔ جو غلط ہے اسے درست کریں، یا نمبر انتقال۔</translation>
        </message>
        <message>
            <source>{0}: mutation {1} is of type {2} here but {3} on row {4}; the rows of one mutation have one date and one kind. Correct the one that is wrong, or the mutation number.</source>
            <translation>{0}: انتقال {1} کی قسم یہاں {2} ہے مگر سطر {4} پر {3}؛ ایک انتقال کی سب سطروں کی ایک تاریخ اور ایک قسم ہوتی ہے۔ جو غلط ہے اسے درست کریں، یا نمبر انتقال۔</translation>
        </message>
        <message>
            <source>Mutation {0}, khewat {1}: the shares passed add up to {2}, more than the whole khewat (1) ({3}); the total passes 1 at row {4}. Each row's share is the part of the khewat its transferee gets (a widow's 1/8 of a 1/3 share is 1/24). Check the shares.</source>
            <translation>انتقال {0}، کھیوٹ {1}: منتقل کیے گئے حصوں کا جوڑ {2} ہے، پوری کھیوٹ (⁦1⁩) سے زیادہ ({3})؛ سطر {4} پر جوڑ ⁦1⁩ سے بڑھ جاتا ہے۔ ہر سطر کا حصہ کھیوٹ کا وہ حصہ ہے جو اس کے منتقل الیہ کو ملتا ہے (⁦1/3⁩ حصے میں بیوہ کا ⁦1/8⁩ کھیوٹ کا ⁦1/24⁩ ہے)۔ حصے جانچیں۔</translation>
        </message>
        <message>
            <source>{0}: area {1} is more than the whole khewat {2}, {3} in the jamabandi {4}. Check the area and the khewat number.</source>
            <translation>{0}: رقبہ {1} پوری کھیوٹ {2} سے زیادہ ہے، جو جمع بندی {4} میں {3} ہے۔ رقبہ اور نمبر کھیوٹ جانچیں۔</translation>
        </message>
        <message>
            <source>Mutation {0}, khewat {1}: {2} passes {3} of the khewat ({4}), more than the {5} held in the jamabandi {6}; the total passes it at row {7}. Each row's share is the part of the khewat its transferee gets (a widow's 1/8 of a 1/3 share is 1/24). Check the shares.</source>
            <translation>انتقال {0}، کھیوٹ {1}: {2} کھیوٹ کا {3} منتقل کرتا ہے ({4})، جمع بندی {6} میں اس کے {5} حصے سے زیادہ؛ سطر {7} پر جوڑ اس سے بڑھ جاتا ہے۔ ہر سطر کا حصہ کھیوٹ کا وہ حصہ ہے جو اس کے منتقل الیہ کو ملتا ہے (⁦1/3⁩ حصے میں بیوہ کا ⁦1/8⁩ کھیوٹ کا ⁦1/24⁩ ہے)۔ حصے جانچیں۔</translation>
        </message>
        <message>
            <source>'{0}' is not a whole number: write it without commas, or grouped by thousands (2,50,000)</source>
            <translation>«{0}» پورا عدد نہیں: اسے کاما کے بغیر لکھیں، یا ہزاروں کے گروہوں میں (⁦2,50,000⁩)</translation>
        </message>
        <message>
            <source>{0}: crop area {1} has no crop. Type the crop, or clear the crop area.</source>
            <translation>{0}: رقبہ فصل {1} کے ساتھ جنس درج نہیں۔ جنس لکھیں، یا رقبہ فصل خالی کریں۔</translation>
        </message>
        <message>
            <source>{0}: khasra {1} is a sub-division of khasra {2}, which is also listed ({3}); its land is counted twice. If {4} was split, change its row to the new number.</source>
            <translation>{0}: خسرہ {1} خسرہ {2} کی تقسیم سے بنا ہے، جو بھی درج ہے ({3})؛ اس کا رقبہ دو بار گنا جا رہا ہے۔ اگر {4} تقسیم ہو چکا ہے تو اس کی سطر میں نیا نمبر لکھیں۔</translation>
        </message>
        <message>
            <source>{0}: this khasra passed from {1} to {2}; correct the owner (and cultivator) and confirm</source>
            <translation>{0}: یہ خسرہ {1} سے {2} کو منتقل ہوا؛ مالک (اور کاشتکار) درست کر کے تصدیق کریں</translation>
        </message>
        <message>
            <source>The connection to the central server dropped while sending batch {0} of {1}: the server keeps the {2} of it that it had received, and the next sync goes on from there. Nothing was lost.</source>
            <translation>بیچ {0} (کل {1} میں سے) بھیجتے ہوئے مرکزی سرور سے کنکشن ٹوٹ گیا: سرور کو اس کا جو {2} مل چکا تھا وہ محفوظ ہے، اور اگلی ہم آہنگی وہیں سے آگے چلے گی۔ کچھ ضائع نہیں ہوا۔</translation>
        </message>
        <message>
            <source>The connection to the central server dropped during the sync, after the server had answered: the next sync goes on from where this one stopped. Nothing was lost.</source>
            <translation>ہم آہنگی کے دوران، سرور کے جواب دینے کے بعد، مرکزی سرور سے کنکشن ٹوٹ گیا: اگلی ہم آہنگی وہیں سے آگے چلے گی جہاں یہ رکی۔ کچھ ضائع نہیں ہوا۔</translation>
        </message>
        <message>
            <source>This computer's date is wrong: it says {0} but the central server's clock says {1}. Set this computer's date and time, then sync again (nothing was lost).</source>
            <translation>اس کمپیوٹر کی تاریخ غلط ہے: یہ {0} بتاتا ہے جبکہ مرکزی سرور کی گھڑی {1} بتاتی ہے۔ اس کمپیوٹر کی تاریخ اور وقت درست کریں، پھر دوبارہ سنک کریں (کچھ ضائع نہیں ہوا)۔</translation>
        </message>
        <message>
            <source>This computer's clock is wrong: it says {0} but the central server's clock says {1}. Set this computer's date and time: until then the times it records are wrong.</source>
            <translation>اس کمپیوٹر کی گھڑی غلط ہے: یہ {0} بتاتی ہے جبکہ مرکزی سرور کی گھڑی {1} بتاتی ہے۔ اس کمپیوٹر کی تاریخ اور وقت درست کریں: تب تک اس پر درج ہونے والے اوقات غلط ہیں۔</translation>
        </message>
        <message>
            <source>This computer's date is wrong: it says {0}, before work already recorded on it ({1}). Set this computer's date and time, then sync again (nothing was lost).</source>
            <translation>اس کمپیوٹر کی تاریخ غلط ہے: یہ {0} بتاتا ہے، جو اس پر پہلے سے درج کام ({1}) سے بھی پہلے ہے۔ اس کمپیوٹر کی تاریخ اور وقت درست کریں، پھر دوبارہ سنک کریں (کچھ ضائع نہیں ہوا)۔</translation>
        </message>
        <message>
            <source>Cannot reach the central server: its certificate is not valid today ({0}; the server's clock agrees): it has expired or is not valid yet. Ask IT to renew the server's certificate.</source>
            <translation>مرکزی سرور تک رسائی نہیں ہو سکی: اس کا سرٹیفکیٹ آج ({0}؛ سرور کی گھڑی بھی یہی بتاتی ہے) درست نہیں: یا تو ختم ہو چکا ہے یا ابھی شروع نہیں ہوا۔ آئی ٹی سے سرور کا سرٹیفکیٹ نیا کروائیں۔</translation>
        </message>
        <message>
            <source>The central server's clock seems wrong: it says {0} while this computer says {1}, and {2} of the {3} offices that synced with it in the last day agree with this computer. Tell the central office to set its server's clock (this computer's clock needs no change).</source>
            <translation>مرکزی سرور کی گھڑی غلط لگتی ہے: وہ {0} بتاتی ہے جبکہ یہ کمپیوٹر {1} بتاتا ہے، اور پچھلے ایک دن میں اس سے سنک کرنے والے {3} دفاتر میں سے {2} اس کمپیوٹر سے متفق ہیں۔ مرکزی دفتر کو بتائیں کہ اپنے سرور کی گھڑی درست کرے (اس کمپیوٹر کی گھڑی بدلنے کی ضرورت نہیں)۔</translation>
        </message>
        <message>
            <source>Cannot reach the central server: its certificate is not valid today ({0}; {1} of the {2} offices that synced with it agree with this computer's date): it has expired or is not valid yet. Ask IT to renew the server's certificate, and the central office to set its server's clock (it says {3}).</source>
            <translation>مرکزی سرور سے رابطہ نہیں ہو سکا: اس کا سرٹیفکیٹ آج ({0}) درست نہیں ({2} میں سے {1} دفاتر جنہوں نے اس سے سنک کیا، اس کمپیوٹر کی تاریخ سے متفق ہیں): اس کی مدت ختم ہو چکی ہے یا ابھی شروع نہیں ہوئی۔ آئی ٹی سے کہیں کہ سرور کا سرٹیفکیٹ نیا کرے، اور مرکزی دفتر سے کہ اپنے سرور کی گھڑی درست کرے (وہ {3} بتاتی ہے)۔</translation>
        </message>
        <message>
            <source>The batch did not reach the server whole; it is sent again.</source>
            <translation>بیچ پورا سرور تک نہیں پہنچا؛ وہ دوبارہ بھیجا جائے گا۔</translation>
        </message>
        <message>
            <source>The server's list of what it holds was cut off or garbled. Sync will try again.</source>
            <translation>سرور کے پاس موجود اندراجات کی فہرست ادھوری یا بگڑی ہوئی آئی۔ ہم آہنگی دوبارہ کوشش کرے گی۔</translation>
        </message>
        <message>
            <source>{0} entries the central server had lost could not be sent again: {1}</source>
            <translation>مرکزی سرور سے ضائع ہونے والے {0} اندراجات دوبارہ نہیں بھیجے جا سکے: {1}</translation>
        </message>
        <message>
            <source>The central server had lost this entry (its database was restored from a backup?): it is sent again.</source>
            <translation>مرکزی سرور سے یہ اندراج ضائع ہو گیا تھا (کیا اس کا ڈیٹا بیس بیک اپ سے بحال کیا گیا؟): اسے دوبارہ بھیجا جا رہا ہے۔</translation>
        </message>
        <message>
            <source>This entry version was sent before with different content. Server copy {0}, this office's copy {1}. A supervisor must decide which is right: correcting the entry sends this office's copy as a new version; Compare with the server's copy shows the server's, which a supervisor may take instead.</source>
            <translation>اندراج کا یہ نسخہ پہلے مختلف مواد کے ساتھ بھیجا جا چکا ہے۔ سرور کی نقل ⁦{0}⁩، اس دفتر کی نقل ⁦{1}⁩۔ نگران فیصلہ کرے کہ کون سی درست ہے: اندراج درست کرنے سے اس دفتر کی نقل نئے نسخے کے طور پر جاتی ہے؛ «سرور کی نقل سے موازنہ» سرور والی نقل دکھاتا ہے، جو نگران اس کی بجائے لے سکتا ہے۔</translation>
        </message>
        <message>
            <source>{0} approved entries wait for a revenue officer's verification, but this office has no revenue officer's account: the administrator adds one (Account › Users…) or turns the verification off (Account › Preferences…, The office)</source>
            <translation>{0} منظور شدہ اندراج ریونیو افسر کی تصدیق کے منتظر ہیں، لیکن اس دفتر میں ریونیو افسر کا کوئی اکاؤنٹ نہیں: منتظم ایک اکاؤنٹ بنائے (اکاؤنٹ › صارفین…) یا تصدیق کی شرط ختم کرے (اکاؤنٹ › ترجیحات…، دفتر)</translation>
        </message>
        <message>
            <source>{0} entries in conflict start with {1}: give more of its id</source>
            <translation>ٹکرانے والے {0} اندراج ⁦{1}⁩ سے شروع ہوتے ہیں: شناخت کا زیادہ حصہ دیں</translation>
        </message>
        <message>
            <source>Settled: the central server's copy was taken as version {0} here.</source>
            <translation>طے ہو گیا: مرکزی سرور کی نقل یہاں نسخہ {0} کے طور پر لے لی گئی۔</translation>
        </message>
        <message>
            <source>Cannot reach the central server at {0}: {1}. The server's copy can be compared once the connection is back.</source>
            <translation>مرکزی سرور ⁦{0}⁩ تک رسائی نہیں ہو سکی: {1}۔ رابطہ بحال ہونے پر سرور کی نقل سے موازنہ ہو سکے گا۔</translation>
        </message>
        <message>
            <source>The central server holds no copy of this entry version sent by this office.</source>
            <translation>مرکزی سرور کے پاس اس دفتر کے بھیجے ہوئے اس نسخے کی کوئی نقل نہیں۔</translation>
        </message>
        <message>
            <source>This office's access was revoked by the central server; ask the operator.</source>
            <translation>مرکزی سرور نے اس دفتر کی رسائی منسوخ کر دی ہے؛ منتظم سے رابطہ کریں۔</translation>
        </message>
        <message>
            <source>The central server does not give copies of entries yet: ask its operator to update it.</source>
            <translation>مرکزی سرور ابھی اندراجات کی نقلیں نہیں دیتا: اس کے منتظم سے کہیں کہ اسے تازہ کریں۔</translation>
        </message>
        <message>
            <source>The central server did not give its copy (error {0}): try again later.</source>
            <translation>مرکزی سرور نے اپنی نقل نہیں دی (خرابی {0}): بعد میں دوبارہ کوشش کریں۔</translation>
        </message>
        <message>
            <source>The answer was not the central server's copy of the entry (a Wi-Fi login page?): try again later.</source>
            <translation>جواب مرکزی سرور کی نقل نہیں تھا (وائی فائی کا لاگ اِن صفحہ؟): بعد میں دوبارہ کوشش کریں۔</translation>
        </message>
        <message>
            <source>The server's copy of the entry does not match its hash: try again later, or ask the central server's operator.</source>
            <translation>اندراج کی سرور والی نقل اپنے ہیش سے میل نہیں کھاتی: بعد میں دوبارہ کوشش کریں، یا مرکزی سرور کے منتظم سے رابطہ کریں۔</translation>
        </message>
        <message>
            <source>say which fard to print: a khewat number or an owner's name</source>
            <translation>بتائیں کون سی فرد چھاپنی ہے: نمبر کھیوٹ یا مالک کا نام</translation>
        </message>
        <message>
            <source>the register of {0} has no rows for {1}</source>
            <translation>{0} کے رجسٹر میں {1} کی کوئی سطر نہیں</translation>
        </message>
        <message>
            <source>register {0} does not exist: this workspace has no registers yet (create one and add its pages first)</source>
            <translation>رجسٹر {0} موجود نہیں: اس ورک اسپیس میں ابھی کوئی رجسٹر نہیں (پہلے رجسٹر بنائیں اور اس کے صفحات شامل کریں)</translation>
        </message>
        <message>
            <source>register {0} does not exist; give --register one of: {1}</source>
            <translation>رجسٹر {0} موجود نہیں؛ `--register` کے ساتھ ان میں سے ایک دیں: {1}</translation>
        </message>
        <message>
            <source>the register {0} ({1}) has no entries: nothing to print. Add its pages and rows first.</source>
            <translation>رجسٹر {0} ({1}) میں کوئی اندراج نہیں: چھاپنے کو کچھ نہیں۔ پہلے اس کے صفحات اور سطریں درج کریں۔</translation>
        </message>
        <message>
            <source>the register {0} ({1}) has no entries in state {2}; its entries are: {3}. Choose one of these states, or print every entry (no --state).</source>
            <translation>رجسٹر {0} ({1}) میں حالت {2} کا کوئی اندراج نہیں؛ اس کے اندراجات یہ ہیں: {3}۔ ان میں سے کوئی حالت چنیں، یا سب اندراجات چھاپیں (`--state` کے بغیر)۔</translation>
        </message>
        <message>
            <source>the register {0} ({1}) has no entries in state {2}; its entries are: {3}. Choose every entry, or only the entries not approved yet, under Entries.</source>
            <translation>رجسٹر {0} ({1}) میں حالت {2} کا کوئی اندراج نہیں؛ اس کے اندراجات یہ ہیں: {3}۔ «اندراجات» میں تمام اندراجات، یا صرف وہ اندراجات جو ابھی منظور نہیں ہوئے، چنیں۔</translation>
        </message>
        <message>
            <source>mauza {0}, year {1}, volume {2}</source>
            <translation>موضع {0}، سال ⁦{1}⁩، جلد ⁦{2}⁩</translation>
        </message>
        <message>
            <source>mauza {0}, year {1}, harvest {2}, volume {3}</source>
            <translation>موضع {0}، سال ⁦{1}⁩، فصل {2}، جلد ⁦{3}⁩</translation>
        </message>
        <message>
            <source>The register of {0} already exists: open it from the list of registers, or choose another year or volume.</source>
            <translation>{0} کا رجسٹر پہلے سے موجود ہے: اسے رجسٹروں کی فہرست سے کھولیں، یا کوئی اور سال یا جلد چنیں۔</translation>
        </message>
        <message>
            <source>owner {0}</source>
            <translation>مالک {0}</translation>
        </message>
        <message>
            <source>say what to hand over: a batch id or a list of entry ids</source>
            <translation>بتائیں کیا حوالے کرنا ہے: بیچ کا نمبر یا اندراجات کے نمبروں کی فہرست</translation>
        </message>
        <message>
            <source>no entry with id {0}</source>
            <translation>نمبر {0} کا کوئی اندراج نہیں</translation>
        </message>
        <message>
            <source>batch {0} does not exist; `daftar batch list` shows the batches</source>
            <translation>بیچ ⁦{0}⁩ موجود نہیں؛ ⁦`daftar batch list`⁩ بیچ دکھاتا ہے</translation>
        </message>
        <message>
            <source>{0} {1} does not exist</source>
            <translation>{0} {1} موجود نہیں</translation>
        </message>
        <message>
            <source>this is an old version of the entry: edit the newest version</source>
            <translation>یہ اندراج کا پرانا نسخہ ہے: سب سے نیا نسخہ بدلیں</translation>
        </message>
        <message>
            <source>only draft or returned rows can be deleted</source>
            <translation>صرف مسودہ یا واپس شدہ سطریں حذف ہو سکتی ہیں</translation>
        </message>
        <message>
            <source>only draft or returned rows can be restored</source>
            <translation>صرف مسودہ یا واپس شدہ سطریں بحال ہو سکتی ہیں</translation>
        </message>
        <message numerus="yes">
            <source>{0} problem(s) must be corrected before submitting; first: {1}</source>
            <translation>
                <numerusform>پیش کرنے سے پہلے {0} غلطی درست کرنی ہے: {1}</numerusform>
                <numerusform>پیش کرنے سے پہلے {0} غلطیاں درست کرنی ہیں؛ پہلی: {1}</numerusform>
            </translation>
        </message>
        <message>
            <source>this page has no draft rows to submit</source>
            <translation>اس صفحے پر پیش کرنے کے لیے کوئی مسودہ سطر نہیں</translation>
        </message>
        <message>
            <source>page {0} already has corrected rows; OCR results were not applied over them</source>
            <translation>صفحہ {0} کی سطریں پہلے ہی درست کی جا چکی ہیں؛ OCR کے نتائج ان پر نہیں لگائے گئے</translation>
        </message>
        <message>
            <source>page {0} is already in that register</source>
            <translation>صفحہ {0} پہلے ہی اسی رجسٹر میں ہے</translation>
        </message>
        <message>
            <source>page {0} has rows that were corrected or submitted: it cannot be moved; delete its rows or ask the supervisor</source>
            <translation>صفحہ {0} کی سطریں درست یا پیش کی جا چکی ہیں: اسے منتقل نہیں کیا جا سکتا؛ اس کی سطریں حذف کریں یا نگران سے پوچھیں</translation>
        </message>
        <message>
            <source>entry {0} does not exist</source>
            <translation>اندراج {0} موجود نہیں</translation>
        </message>
        <message>
            <source>entry {0} is an old version</source>
            <translation>اندراج {0} پرانا نسخہ ہے</translation>
        </message>
        <message>
            <source>setting {0}: {1} is not text</source>
            <translation>ترتیب ⁦{0}⁩: {1} متن نہیں</translation>
        </message>
        <message>
            <source>setting {0}: {1} is not yes/no (true or false)</source>
            <translation>ترتیب ⁦{0}⁩: {1} ہاں/نہیں نہیں</translation>
        </message>
        <message>
            <source>setting {0}: {1} is not a whole number</source>
            <translation>ترتیب ⁦{0}⁩: {1} پورا عدد نہیں</translation>
        </message>
        <message>
            <source>setting {0}: {1} is not one of {2}</source>
            <translation>ترتیب ⁦{0}⁩: {1} ان میں سے نہیں: {2}</translation>
        </message>
        <message>
            <source>setting {0}: {1} is below the smallest allowed ({2})</source>
            <translation>ترتیب ⁦{0}⁩: {1} سب سے چھوٹی جائز قدر ({2}) سے کم ہے</translation>
        </message>
        <message>
            <source>setting {0}: {1} is above the largest allowed ({2})</source>
            <translation>ترتیب ⁦{0}⁩: {1} سب سے بڑی جائز قدر ({2}) سے زیادہ ہے</translation>
        </message>
        <message>
            <source>'{0}': a share of 0 parts is not a share</source>
            <translation>«{0}»: ⁦0⁩ حصوں کا حصہ، حصہ نہیں</translation>
        </message>
        <message>
            <source>an entry that is {0} cannot be changed: ask the supervisor to return it first</source>
            <translation>{0} اندراج بدلا نہیں جا سکتا: پہلے نگران سے کہیں کہ اسے واپس کرے</translation>
        </message>
        <message>
            <source>unknown action '{0}'</source>
            <translation>نامعلوم عمل «{0}»</translation>
        </message>
        <message>
            <source>a {0} may not {1} entries</source>
            <translation>{0} اندراجات {1} نہیں کر سکتا</translation>
        </message>
        <message>
            <source>cannot {0} an entry that is {1}</source>
            <translation>{1} اندراج {0} نہیں کیا جا سکتا</translation>
        </message>
        <message>
            <source>you approved this entry yourself: another revenue officer must verify it</source>
            <translation>یہ اندراج آپ نے خود منظور کیا ہے: اس کی تصدیق کوئی دوسرا ریونیو افسر کرے</translation>
        </message>
        <message>
            <source>Nothing was approved: {0} changed after you opened the page (returned, corrected or submitted again, in another copy of Daftar perhaps). Look at the page again as it is now.</source>
            <translation>کچھ منظور نہیں ہوا: آپ کے صفحہ کھولنے کے بعد یہاں تبدیلی ہوئی: {0} (واپس کی گئی، درست کی گئی یا دوبارہ پیش کی گئی، شاید دفتر کی کسی دوسری کاپی میں)۔ صفحہ اب جیسا ہے، اسے دوبارہ دیکھیں۔</translation>
        </message>
        <message>
            <source>Nothing was returned: {0} changed after you opened the page (returned, corrected or submitted again, in another copy of Daftar perhaps). Look at the page again as it is now.</source>
            <translation>کچھ واپس نہیں ہوا: آپ کے صفحہ کھولنے کے بعد یہاں تبدیلی ہوئی: {0} (واپس کی گئی، درست کی گئی یا دوبارہ پیش کی گئی، شاید دفتر کی کسی دوسری کاپی میں)۔ صفحہ اب جیسا ہے، اسے دوبارہ دیکھیں۔</translation>
        </message>
        <message>
            <source>Nothing was verified: {0} changed after you opened the page (returned, corrected or submitted again, in another copy of Daftar perhaps). Look at the page again as it is now.</source>
            <translation>کسی اندراج کی تصدیق نہیں ہوئی: آپ کے صفحہ کھولنے کے بعد یہاں تبدیلی ہوئی: {0} (واپس کی گئی، درست کی گئی یا دوبارہ پیش کی گئی، شاید دفتر کی کسی دوسری کاپی میں)۔ صفحہ اب جیسا ہے، اسے دوبارہ دیکھیں۔</translation>
        </message>
        <message>
            <source>Nothing was changed: {0} changed after you opened the page (returned, corrected or submitted again, in another copy of Daftar perhaps). Look at the page again as it is now.</source>
            <translation>کچھ نہیں بدلا گیا: آپ کے صفحہ کھولنے کے بعد یہاں تبدیلی ہوئی: {0} (واپس کی گئی، درست کی گئی یا دوبارہ پیش کی گئی، شاید دفتر کی کسی دوسری کاپی میں)۔ صفحہ اب جیسا ہے، اسے دوبارہ دیکھیں۔</translation>
        </message>
        <message>
            <source>{0}, page {1}, rows {2}</source>
            <translation>{0}، صفحہ {1}، سطریں {2}</translation>
        </message>
        <message numerus="yes">
            <source>{0}, and rows of {1} other page(s)</source>
            <translation>
                <numerusform>{0}، اور {1} دوسرے صفحے کی سطریں</numerusform>
                <numerusform>{0}، اور {1} دوسرے صفحات کی سطریں</numerusform>
            </translation>
        </message>
        <message>
            <source>a row without a page</source>
            <translation>بغیر صفحے کی ایک سطر</translation>
        </message>
        <message>
            <source>keys/audit-anchor.json is missing: events deleted from the end of the trail cannot be seen (it is written again at the next change)</source>
            <translation>keys/audit-anchor.json موجود نہیں: آڈٹ ریکارڈ کے آخر سے مٹائے گئے واقعات نظر نہیں آ سکتے (اگلی تبدیلی پر یہ دوبارہ لکھا جائے گا)</translation>
        </message>
        <message>
            <source>keys/audit-anchor.json was missing when this workspace was opened, and was written then for event {0} (trust on first use): events deleted from the end of the trail before then cannot be seen</source>
            <translation>یہ ورک اسپیس کھولتے وقت keys/audit-anchor.json موجود نہیں تھا، اور تب واقعہ {0} کے لیے لکھا گیا (پہلے استعمال پر بھروسا): اس سے پہلے آڈٹ ریکارڈ کے آخر سے مٹائے گئے واقعات نظر نہیں آ سکتے</translation>
        </message>
        <message>
            <source>the computer's clock was set back: {0}. The trail is whole (this is no tampering), but the times of the events from then on may be wrong</source>
            <translation>کمپیوٹر کی گھڑی پیچھے کی گئی: {0}۔ آڈٹ ریکارڈ مکمل ہے (یہ چھیڑ چھاڑ نہیں)، مگر اس کے بعد کے واقعات کے اوقات غلط ہو سکتے ہیں</translation>
        </message>
        <message>
            <source>the computer's clock was set back {0} times; the first: {1}. The trail is whole (this is no tampering), but the times of the events after each may be wrong</source>
            <translation>کمپیوٹر کی گھڑی {0} بار پیچھے کی گئی؛ پہلی بار: {1}۔ آڈٹ ریکارڈ مکمل ہے (یہ چھیڑ چھاڑ نہیں)، مگر ہر بار کے بعد کے واقعات کے اوقات غلط ہو سکتے ہیں</translation>
        </message>
        <message>
            <source>event {0} is dated {1}, earlier than event {2} before it ({3})</source>
            <translation>واقعہ {0} کی تاریخ {1} ہے، جو اس سے پہلے کے واقعہ {2} ({3}) سے بھی پہلے ہے</translation>
        </message>
        <message>
            <source>This computer's date is wrong: it says {0}, but event {1} of the audit trail was recorded at {2}. Set this computer's date and time before working: what is recorded until then gets a wrong time.</source>
            <translation>اس کمپیوٹر کی تاریخ غلط ہے: یہ {0} بتاتا ہے، مگر آڈٹ ریکارڈ کا واقعہ {1}، {2} کو درج ہوا تھا۔ کام سے پہلے اس کمپیوٹر کی تاریخ اور وقت درست کریں: تب تک جو درج ہو گا اس کا وقت غلط ہو گا۔</translation>
        </message>
        <message>
            <source>nothing was sealed: an entry to send is not what the audit trail recorded, so it was changed outside Daftar: {0}. Run `daftar audit verify` and restore the latest good backup</source>
            <translation>کچھ بھی بیچ میں بند نہیں ہوا: بھیجا جانے والا ایک اندراج وہ نہیں جو آڈٹ ریکارڈ میں درج ہے، یعنی اسے دفتر سے باہر بدلا گیا: {0}۔ ⁦`daftar audit verify`⁩ چلائیں اور آخری درست بیک اپ بحال کریں</translation>
        </message>
        <message>
            <source>nothing was sealed: {0} facts of the entries to send are not what the audit trail recorded, so they were changed outside Daftar; the first: {1}. Run `daftar audit verify` to see them all and restore the latest good backup</source>
            <translation>کچھ بھی بیچ میں بند نہیں ہوا: بھیجے جانے والے اندراجات کی {0} باتیں وہ نہیں جو آڈٹ ریکارڈ میں درج ہیں، یعنی انہیں دفتر سے باہر بدلا گیا؛ پہلی: {1}۔ سب دیکھنے کے لیے ⁦`daftar audit verify`⁩ چلائیں اور آخری درست بیک اپ بحال کریں</translation>
        </message>
        <message>
            <source>{0}, page {1}, row {2}</source>
            <translation>{0}، صفحہ {1}، سطر {2}</translation>
        </message>
        <message>
            <source>{0}, row {1}</source>
            <translation>{0}، سطر {1}</translation>
        </message>
        <message>
            <source>{0}: {1} is '{2}' but the audit trail recorded {3} (entry {4})</source>
            <translation>{0}: {1} '{2}' ہے مگر آڈٹ ریکارڈ میں {3} درج ہے (اندراج {4})</translation>
        </message>
        <message>
            <source>{0}: {1} has no value in the database but the audit trail recorded '{2}' (entry {3})</source>
            <translation>{0}: ڈیٹا بیس میں {1} کی کوئی قدر نہیں مگر آڈٹ ریکارڈ میں '{2}' درج ہے (اندراج {3})</translation>
        </message>
        <message>
            <source>{0}: {1} is {2} in the sealed copy of batch {3} but {4} in the records (entry {5})</source>
            <translation>{0}: بیچ {3} کی مہر بند نقل میں {1} {2} ہے مگر ریکارڈ میں {4} (اندراج {5})</translation>
        </message>
        <message>
            <source>no value</source>
            <translation>کوئی قدر نہیں</translation>
        </message>
        <message>
            <source>event {0} is missing (deleted)</source>
            <translation>واقعہ {0} غائب ہے (مٹا دیا گیا)</translation>
        </message>
        <message>
            <source>event {0} does not follow event {1} (reordered or inserted)</source>
            <translation>واقعہ {0} واقعہ {1} کے بعد نہیں آتا (ترتیب بدلی گئی یا بیچ میں ڈالا گیا)</translation>
        </message>
        <message>
            <source>event {0} was changed after it was written</source>
            <translation>واقعہ {0} لکھے جانے کے بعد بدلا گیا</translation>
        </message>
        <message>
            <source>event {0} has a signature that does not match this workspace's key</source>
            <translation>واقعہ {0} کے دستخط اس ورک اسپیس کی کلید سے نہیں ملتے</translation>
        </message>
        <message>
            <source>event {0} is not the event the trail held (rewritten)</source>
            <translation>واقعہ {0} وہ واقعہ نہیں جو آڈٹ میں درج تھا (دوبارہ لکھا گیا)</translation>
        </message>
        <message>
            <source>events {0} to {1} are missing (deleted from the end of the trail)</source>
            <translation>واقعات {0} تا {1} غائب ہیں (آڈٹ کے آخر سے مٹائے گئے)</translation>
        </message>
        <message>
            <source>the trail no longer holds its newest event when batch {0} was sealed (events deleted from its end)</source>
            <translation>بیچ {0} مہربند ہوتے وقت آڈٹ کا جو آخری واقعہ تھا وہ اب اس میں نہیں (اس کے آخر سے واقعات مٹائے گئے)</translation>
        </message>
        <message>
            <source>audit-anchor.json cannot be read</source>
            <translation>فائل audit-anchor.json پڑھی نہیں جا سکتی</translation>
        </message>
        <message>
            <source>audit-anchor.json was altered (its signature does not match this workspace's key)</source>
            <translation>فائل audit-anchor.json بدلی گئی ہے (اس کے دستخط اس ورک اسپیس کی کلید سے نہیں ملتے)</translation>
        </message>
        <message>
            <source>{0}: the audit trail recorded a row here (entry {1}, {2}) but it is gone from the database</source>
            <translation>{0}: آڈٹ میں یہاں ایک سطر درج ہے (اندراج {1}، {2}) مگر وہ ڈیٹا بیس سے غائب ہے</translation>
        </message>
        <message>
            <source>{0}: this row (entry {1}) is not in the audit trail: it was added outside Daftar</source>
            <translation>{0}: یہ سطر (اندراج {1}) آڈٹ میں درج نہیں: اسے دفتر سے باہر شامل کیا گیا</translation>
        </message>
        <message>
            <source>{0}: the row is {1} but the audit trail recorded it {2} (entry {3})</source>
            <translation>{0}: سطر {1} ہے مگر آڈٹ میں {2} درج ہے (اندراج {3})</translation>
        </message>
        <message>
            <source>{0}: the row is marked {1} but the audit trail recorded {2} (entry {3})</source>
            <translation>{0}: سطر پر {1} کا نشان ہے مگر آڈٹ میں {2} درج ہے (اندراج {3})</translation>
        </message>
        <message>
            <source>{0}: submitted by {1}, but the audit trail recorded {2} (entry {3})</source>
            <translation>{0}: پیش کرنے والا {1} ہے، مگر آڈٹ میں {2} درج ہے (اندراج {3})</translation>
        </message>
        <message>
            <source>{0}: approved by {1}, but the audit trail recorded {2} (entry {3})</source>
            <translation>{0}: منظور کرنے والا {1} ہے، مگر آڈٹ میں {2} درج ہے (اندراج {3})</translation>
        </message>
        <message>
            <source>{0}: verified by {1}, but the audit trail recorded {2} (entry {3})</source>
            <translation>{0}: تصدیق کرنے والا {1} ہے، مگر آڈٹ میں {2} درج ہے (اندراج {3})</translation>
        </message>
        <message>
            <source>{0}: state is '{1}' but the audit trail recorded '{2}' (entry {3})</source>
            <translation>{0}: حالت «{1}» ہے مگر آڈٹ میں «{2}» درج ہے (اندراج {3})</translation>
        </message>
        <message>
            <source>{0}: version is '{1}' but the audit trail recorded '{2}' (entry {3})</source>
            <translation>{0}: نسخہ «{1}» ہے مگر آڈٹ میں «{2}» درج ہے (اندراج {3})</translation>
        </message>
        <message>
            <source>version {0}, {1}</source>
            <translation>نسخہ {0}، {1}</translation>
        </message>
        <message>
            <source>version {0}, {1}, added as row {2}</source>
            <translation>نسخہ {0}، {1}، سطر {2} کے طور پر شامل</translation>
        </message>
        <message>
            <source>deleted</source>
            <translation>مٹائی گئی</translation>
        </message>
        <message>
            <source>not deleted</source>
            <translation>مٹائی نہیں گئی</translation>
        </message>
        <message>
            <source>the newest version</source>
            <translation>تازہ ترین نسخہ</translation>
        </message>
        <message>
            <source>an old version</source>
            <translation>پرانا نسخہ</translation>
        </message>
        <message>
            <source>nobody</source>
            <translation>کوئی نہیں</translation>
        </message>
        <message>
            <source>user {0} ({1})</source>
            <translation>صارف {0} ({1})</translation>
        </message>
        <message>
            <source>user {0}</source>
            <translation>صارف {0}</translation>
        </message>
        <message>
            <source>user {0} (id {1}): the audit trail recorded this account ({2}) but it is gone from the database</source>
            <translation>صارف {0} (شناخت {1}): آڈٹ میں یہ اکاؤنٹ ({2}) درج ہے مگر وہ ڈیٹا بیس سے غائب ہے</translation>
        </message>
        <message>
            <source>user {0} (id {1}): this account ({2}) is not in the audit trail: it was added outside Daftar</source>
            <translation>صارف {0} (شناخت {1}): یہ اکاؤنٹ ({2}) آڈٹ میں درج نہیں: اسے دفتر سے باہر شامل کیا گیا</translation>
        </message>
        <message>
            <source>user {0} (id {1}): the account is {2} but the audit trail recorded it {3}</source>
            <translation>صارف {0} (شناخت {1}): اکاؤنٹ {2} ہے مگر آڈٹ میں {3} درج ہے</translation>
        </message>
        <message>
            <source>user {0} (id {1}): role is '{2}' but the audit trail recorded '{3}'</source>
            <translation>صارف {0} (شناخت {1}): عہدہ «{2}» ہے مگر آڈٹ میں «{3}» درج ہے</translation>
        </message>
        <message>
            <source>user {0} (id {1}): user name is '{2}' but the audit trail recorded '{3}'</source>
            <translation>صارف {0} (شناخت {1}): صارف نام «{2}» ہے مگر آڈٹ میں «{3}» درج ہے</translation>
        </message>
        <message>
            <source>enabled</source>
            <translation>فعال</translation>
        </message>
        <message>
            <source>disabled</source>
            <translation>غیر فعال</translation>
        </message>
        <message>
            <source>page {0} is {1}: rows can be added or brought back only while it is a draft or returned to the clerk</source>
            <translation>صفحہ {0} {1} ہے: قطاریں صرف اسی وقت شامل یا واپس کی جا سکتی ہیں جب صفحہ مسودہ ہو یا کلرک کو واپس کیا گیا ہو</translation>
        </message>
        <message>
            <source>say why when you {0} an entry: a comment is required</source>
            <translation>اندراج {0} کرتے وقت وجہ لکھیں: تبصرہ لازمی ہے</translation>
        </message>
        <message>
            <source>you cannot {0} your own work: another {1} must do it</source>
            <translation>آپ اپنا کام خود {0} نہیں کر سکتے: کوئی اور {1} یہ کرے</translation>
        </message>
        <message>
            <source>this office requires a revenue officer to verify entries before they are batched</source>
            <translation>اس دفتر میں بیچ بننے سے پہلے ریونیو افسر کی تصدیق لازمی ہے</translation>
        </message>
        <message>
            <source>a {0} may not change entries</source>
            <translation>{0} اندراجات نہیں بدل سکتا</translation>
        </message>
        <message>
            <source>{0} already holds a workspace</source>
            <translation>⁦{0}⁩ میں پہلے سے ایک ورک اسپیس ہے</translation>
        </message>
        <message>
            <source>The workspace {0} is encrypted: sign in with your user name and password to open it.</source>
            <translation>ورک اسپیس ⁦{0}⁩ خفیہ ہے: کھولنے کے لیے اپنے صارف نام اور پاس ورڈ سے سائن اِن کریں۔</translation>
        </message>
        <message>
            <source>{0} is on a network share ({1}). A workspace must be on this computer's own disk: SQLite cannot lock files safely over a network. Choose a local folder and use `daftar backup` to copy it to the share.</source>
            <translation>⁦{0}⁩ نیٹ ورک فولڈر ({1}) پر ہے۔ ورک اسپیس اسی کمپیوٹر کی اپنی ڈسک پر ہونی چاہیے: نیٹ ورک پر فائلیں محفوظ طریقے سے بند نہیں کی جا سکتیں۔ مقامی فولڈر چنیں اور نیٹ ورک فولڈر میں نقل کے لیے ⁦`daftar backup`⁩ استعمال کریں۔</translation>
        </message>
        <message>
            <source>No Daftar workspace at {0}. Create one with `daftar demo` or open the app.</source>
            <translation>⁦{0}⁩ پر دفتر کی کوئی ورک اسپیس نہیں۔ ⁦`daftar demo`⁩ سے بنائیں یا ایپ کھولیں۔</translation>
        </message>
        <message numerus="yes">
            <source>{0} is empty (0 bytes) but the workspace holds {1} page image(s): the database was damaged. Nothing was changed. Restore the latest backup with `daftar restore BACKUP --workspace DIR --force`.</source>
            <translation>
                <numerusform>⁦{0}⁩ خالی ہے (⁦0⁩ بائٹ) جبکہ ورک اسپیس میں صفحے کی {1} تصویر ہے: ڈیٹا بیس خراب ہو گیا۔ کچھ نہیں بدلا گیا۔ تازہ ترین بیک اپ ⁦`daftar restore BACKUP --workspace DIR --force`⁩ سے بحال کریں۔</numerusform>
                <numerusform>⁦{0}⁩ خالی ہے (⁦0⁩ بائٹ) جبکہ ورک اسپیس میں صفحات کی {1} تصاویر ہیں: ڈیٹا بیس خراب ہو گیا۔ کچھ نہیں بدلا گیا۔ تازہ ترین بیک اپ ⁦`daftar restore BACKUP --workspace DIR --force`⁩ سے بحال کریں۔</numerusform>
            </translation>
        </message>
        <message>
            <source>Cannot create the workspace folder {0}: {1}</source>
            <translation>ورک اسپیس کا فولڈر ⁦{0}⁩ نہیں بن سکا: {1}</translation>
        </message>
        <message>
            <source>{0} cannot be decrypted with this key, or it is damaged. Nothing was changed.</source>
            <translation>⁦{0}⁩ اس کلید سے نہیں کھل سکتا، یا خراب ہے۔ کچھ نہیں بدلا گیا۔</translation>
        </message>
        <message>
            <source>{0} changed while Daftar had it open: its schema is now {1}, not {2} (another program restored or upgraded it). Nothing was done; close Daftar and open the workspace again.</source>
            <translation>{0} دفتر کے کھلے ہوتے ہوئے بدل گیا: اس کا اسکیما اب {1} ہے، {2} نہیں (کسی اور پروگرام نے اسے بحال یا اپ گریڈ کیا)۔ کچھ نہیں کیا گیا؛ دفتر بند کر کے ورک اسپیس دوبارہ کھولیں۔</translation>
        </message>
        <message>
            <source>submit</source>
            <translation>پیش</translation>
        </message>
        <message>
            <source>withdraw</source>
            <translation>واپس</translation>
        </message>
        <message>
            <source>return</source>
            <translation>واپس</translation>
        </message>
        <message>
            <source>approve</source>
            <translation>منظور</translation>
        </message>
        <message>
            <source>verify</source>
            <translation>تصدیق</translation>
        </message>
        <message>
            <source>batch</source>
            <translation>بیچ</translation>
        </message>
        <message>
            <source>unbatch</source>
            <translation>بیچ سے الگ</translation>
        </message>
        <message>
            <source>send</source>
            <translation>روانہ</translation>
        </message>
        <message>
            <source>accept</source>
            <translation>قبول</translation>
        </message>
        <message>
            <source>reject</source>
            <translation>مسترد</translation>
        </message>
        <message>
            <source>entry</source>
            <translation>اندراج</translation>
        </message>
        <message>
            <source>page</source>
            <translation>صفحہ</translation>
        </message>
        <message>
            <source>register</source>
            <translation>رجسٹر</translation>
        </message>
        <message>
            <source>user</source>
            <translation>صارف</translation>
        </message>
        <message>
            <source>revenue officer</source>
            <translation>ریونیو افسر</translation>
        </message>
        <message>
            <source>administrator</source>
            <translation>منتظم</translation>
        </message>
        <message>
            <source>{0} is in use by another program (another Daftar window, a backup or a copy). Close it and try again.</source>
            <translation>⁦{0}⁩ کسی اور پروگرام کے استعمال میں ہے (دفتر کی کوئی اور ونڈو، بیک اپ یا نقل)۔ اسے بند کر کے دوبارہ کوشش کریں۔</translation>
        </message>
        <message>
            <source>{0} is damaged or is not a Daftar database. Nothing was changed. Restore the latest backup with `daftar restore BACKUP --workspace DIR`.</source>
            <translation>⁦{0}⁩ خراب ہے یا دفتر کا ڈیٹا بیس نہیں۔ کچھ نہیں بدلا گیا۔ تازہ ترین بیک اپ ⁦`daftar restore BACKUP --workspace DIR`⁩ سے بحال کریں۔</translation>
        </message>
        <message>
            <source>{0} cannot be opened for writing: check the folder's permissions.</source>
            <translation>⁦{0}⁩ لکھنے کے لیے نہیں کھل سکا: فولڈر کی اجازتیں دیکھیں۔</translation>
        </message>
        <message>
            <source>The workspace {0} is being restored from a backup right now. Wait until the restore has finished, then open it again.</source>
            <translation>ورک اسپیس ⁦{0}⁩ اس وقت بیک اپ سے بحال ہو رہی ہے۔ بحالی مکمل ہونے کا انتظار کریں، پھر دوبارہ کھولیں۔</translation>
        </message>
        <message>
            <source>The workspace {0} is open in Daftar (the app, or a daftar command such as a backup or an export). Close it there and try again; nothing was changed.</source>
            <translation>ورک اسپیس ⁦{0}⁩ دفتر میں کھلی ہے (ایپ، یا بیک اپ یا برآمد جیسا دفتر کا کوئی حکم)۔ اسے وہاں بند کر کے دوبارہ کوشش کریں؛ کچھ نہیں بدلا گیا۔</translation>
        </message>
        <message>
            <source>{0}: is a folder, not an image or PDF file</source>
            <translation>⁦{0}⁩: یہ فولڈر ہے، تصویر یا PDF فائل نہیں</translation>
        </message>
        <message>
            <source>{0}: the file is {1} GB, too large to be a page scan. {2}</source>
            <translation>⁦{0}⁩: فائل {1} GB کی ہے، صفحے کے اسکین کے لیے بہت بڑی۔ {2}</translation>
        </message>
        <message>
            <source>{0}: the file is empty (0 bytes). {1}</source>
            <translation>⁦{0}⁩: فائل خالی ہے (⁦0⁩ بائٹ)۔ {1}</translation>
        </message>
        <message>
            <source>{0}: unsupported file type ({1}); Daftar reads PNG, JPEG, TIFF and PDF</source>
            <translation>⁦{0}⁩: اس قسم کی فائل نہیں پڑھی جاتی ({1})؛ دفتر PNG، JPEG، TIFF اور PDF پڑھتا ہے</translation>
        </message>
        <message>
            <source>{0}: the image has no pixels ({1} x {2})</source>
            <translation>⁦{0}⁩: تصویر میں کوئی پکسل نہیں (⁦{1} x {2}⁩)</translation>
        </message>
        <message>
            <source>{0}: the image is {1} x {2} pixels ({3} megapixels), larger than Daftar reads (at most {4} megapixels, {5} px a side). Scan the page at 300 dpi or reduce the image.</source>
            <translation>⁦{0}⁩: تصویر ⁦{1} x {2}⁩ پکسل ({3} میگا پکسل) کی ہے، دفتر کی حد سے بڑی (زیادہ سے زیادہ {4} میگا پکسل، ایک طرف {5} پکسل)۔ صفحہ ⁦300⁩ ڈی پی آئی پر اسکین کریں یا تصویر چھوٹی کریں۔</translation>
        </message>
        <message>
            <source>{0}: the image has {1} megapixels, larger than Daftar reads (at most {2} megapixels, {3} px a side). Scan the page at 300 dpi or reduce the image.</source>
            <translation>⁦{0}⁩: تصویر {1} میگا پکسل کی ہے، دفتر کی حد سے بڑی (زیادہ سے زیادہ {2} میگا پکسل، ایک طرف {3} پکسل)۔ صفحہ ⁦300⁩ ڈی پی آئی پر اسکین کریں یا تصویر چھوٹی کریں۔</translation>
        </message>
        <message>
            <source>{0}: the image is {1} x {2} pixels, larger than Daftar reads (at most {3} px a side and {4} megapixels). Scan at 300 dpi or reduce the image.</source>
            <translation>⁦{0}⁩: تصویر ⁦{1} x {2}⁩ پکسل کی ہے، دفتر کی حد سے بڑی (ایک طرف زیادہ سے زیادہ {3} پکسل اور {4} میگا پکسل)۔ ⁦300⁩ ڈی پی آئی پر اسکین کریں یا تصویر چھوٹی کریں۔</translation>
        </message>
        <message>
            <source>{0}: the file holds no pages. {1}</source>
            <translation>⁦{0}⁩: فائل میں کوئی صفحہ نہیں۔ {1}</translation>
        </message>
        <message>
            <source>{0}: file not found</source>
            <translation>⁦{0}⁩: فائل نہیں ملی</translation>
        </message>
        <message>
            <source>{0}: cannot read the file ({1})</source>
            <translation>⁦{0}⁩: فائل نہیں پڑھی جا سکی ({1})</translation>
        </message>
        <message>
            <source>{0}: not a readable PDF ({1}). {2}</source>
            <translation>⁦{0}⁩: قابلِ مطالعہ PDF نہیں ({1})۔ {2}</translation>
        </message>
        <message>
            <source>{0}: the PDF holds no pages</source>
            <translation>⁦{0}⁩: PDF میں کوئی صفحہ نہیں</translation>
        </message>
        <message>
            <source>{0}: the image is larger than Daftar reads (at most {1} px a side and {2} megapixels)</source>
            <translation>⁦{0}⁩: تصویر دفتر کی حد سے بڑی ہے (ایک طرف زیادہ سے زیادہ {1} پکسل اور {2} میگا پکسل)</translation>
        </message>
        <message>
            <source>{0}: starts like a {1} file but is {2} and cannot be read. {3}</source>
            <translation>⁦{0}⁩: {1} فائل کی طرح شروع ہوتی ہے مگر {2} ہے اور پڑھی نہیں جا سکتی۔ {3}</translation>
        </message>
        <message>
            <source>{0}: the PDF is password-protected; save an unprotected copy</source>
            <translation>⁦{0}⁩: PDF پاس ورڈ سے محفوظ ہے؛ بغیر پاس ورڈ کی نقل محفوظ کریں</translation>
        </message>
        <message>
            <source>Scan or export the page again as PNG, JPEG, TIFF or PDF.</source>
            <translation>صفحہ دوبارہ PNG، JPEG، TIFF یا PDF کی صورت میں اسکین یا برآمد کریں۔</translation>
        </message>
        <message>
            <source>truncated</source>
            <translation>ادھوری</translation>
        </message>
        <message>
            <source>damaged</source>
            <translation>خراب</translation>
        </message>
        <message>
            <source>an image type Daftar does not read</source>
            <translation>تصویر کی ایسی قسم جو دفتر نہیں پڑھتا</translation>
        </message>
        <message>
            <source>a ZIP/Office document</source>
            <translation>ZIP/Office دستاویز</translation>
        </message>
        <message>
            <source>text</source>
            <translation>متن</translation>
        </message>
        <message>
            <source>not an image or PDF</source>
            <translation>نہ تصویر نہ PDF</translation>
        </message>
        <message>
            <source>the file is truncated (cut off while copying or downloading)</source>
            <translation>فائل ادھوری ہے (نقل یا ڈاؤن لوڈ کے دوران کٹ گئی)</translation>
        </message>
        <message>
            <source>the image data is damaged ({0})</source>
            <translation>تصویر کا مواد خراب ہے ({0})</translation>
        </message>
        <message>
            <source>{0}: empty</source>
            <translation>⁦{0}⁩: خالی</translation>
        </message>
        <message>
            <source>file not found</source>
            <translation>فائل نہیں ملی</translation>
        </message>
        <message>
            <source>not a supported file type; import PNG, JPEG, TIFF or PDF files</source>
            <translation>اس قسم کی فائل نہیں لی جاتی؛ PNG، JPEG، TIFF یا PDF فائلیں درآمد کریں</translation>
        </message>
        <message>
            <source>cannot be read ({0}); check the file or scan the page again</source>
            <translation>پڑھی نہیں جا سکی ({0})؛ فائل دیکھیں یا صفحہ دوبارہ اسکین کریں</translation>
        </message>
        <message>
            <source>not an image or damaged; check the file or scan the page again</source>
            <translation>تصویر نہیں یا خراب ہے؛ فائل دیکھیں یا صفحہ دوبارہ اسکین کریں</translation>
        </message>
        <message>
            <source>damaged image ({0}); check the file or scan the page again</source>
            <translation>خراب تصویر ({0})؛ فائل دیکھیں یا صفحہ دوبارہ اسکین کریں</translation>
        </message>
        <message>
            <source>cannot be read ({0}); check that the file is still there and that Daftar may read it, then import it again</source>
            <translation>پڑھی نہیں جا سکی ({0})؛ دیکھیں کہ فائل موجود ہے اور دفتر اسے پڑھ سکتا ہے، پھر دوبارہ درآمد کریں</translation>
        </message>
        <message>
            <source>not a readable PDF ({0}); check the file or export it again</source>
            <translation>قابلِ مطالعہ PDF نہیں ({0})؛ فائل دیکھیں یا دوبارہ برآمد کریں</translation>
        </message>
        <message>
            <source>{0} page {1}: {2}</source>
            <translation>⁦{0}⁩ صفحہ {1}: {2}</translation>
        </message>
        <message>
            <source>image</source>
            <translation>تصویر</translation>
        </message>
        <message>
            <source>{0} page {1}: cannot encode the page</source>
            <translation>⁦{0}⁩ صفحہ {1}: صفحہ محفوظ صورت میں نہیں بدلا جا سکا</translation>
        </message>
        <message>
            <source>no register table was found on it (no ruled lines, and no column headings of a register): check it is a page of this register, scanned the right way up, or type its rows in by hand</source>
            <translation>اس پر رجسٹر کا کوئی جدول نہیں ملا (نہ خانوں کی لکیریں، نہ کسی رجسٹر کے کالموں کے عنوان): دیکھیں کہ یہ اسی رجسٹر کا صفحہ ہے اور سیدھا اسکین ہوا ہے، یا اس کی سطریں ہاتھ سے لکھیں</translation>
        </message>
        <message>
            <source>{0} page {1}: cannot be drawn ({2})</source>
            <translation>⁦{0}⁩ صفحہ {1}: بنایا نہیں جا سکا ({2})</translation>
        </message>
        <message>
            <source>{0}: the file was moved, renamed or deleted after it was listed. Put it back and add it again.</source>
            <translation>⁦{0}⁩: فہرست میں آنے کے بعد یہ فائل کہیں اور رکھ دی گئی، اس کا نام بدلا گیا یا اسے مٹا دیا گیا۔ اسے واپس رکھیں اور دوبارہ شامل کریں۔</translation>
        </message>
        <message>
            <source>{0}: the file changed after it was listed, so what was shown is not what it holds now. Add it again to see it and import it as it is now.</source>
            <translation>⁦{0}⁩: فہرست میں آنے کے بعد یہ فائل بدل گئی، اس لیے جو دکھایا گیا تھا وہ اب اس میں نہیں۔ اسے دوبارہ شامل کریں تاکہ اسے دیکھ کر اسی حالت میں درآمد کریں۔</translation>
        </message>
        <message>
            <source>{0}: the file cannot be read now ({1}). Check the file and add it again.</source>
            <translation>⁦{0}⁩: یہ فائل اب پڑھی نہیں جا سکتی ({1})۔ فائل دیکھیں اور دوبارہ شامل کریں۔</translation>
        </message>
        <message>
            <source>No scanner was found. Check that the scanner is switched on and connected by USB, then press Refresh. On Linux, `scanimage -L` must list it (the driver comes from the package sane-backends or from the scanner's maker).</source>
            <translation>کوئی اسکینر نہیں ملا۔ دیکھیں کہ اسکینر چالو ہے اور USB سے جڑا ہے، پھر «تازہ کریں» دبائیں۔ لینکس پر ⁦scanimage -L⁩ میں اس کا نام آنا چاہیے (ڈرائیور sane-backends پیکج یا اسکینر بنانے والے سے ملتا ہے)۔</translation>
        </message>
        <message>
            <source>Scanning from Daftar is not available on Windows yet. Scan with the scanner's own WIA or TWAIN program (Windows Fax and Scan works) into a folder, then use Import folder.</source>
            <translation>ونڈوز پر دفتر سے اسکین ابھی دستیاب نہیں۔ اسکینر کے اپنے WIA یا TWAIN پروگرام (Windows Fax and Scan بھی چلتا ہے) سے کسی فولڈر میں اسکین کریں، پھر فولڈر درآمد کریں۔</translation>
        </message>
        <message>
            <source>Scanning needs SANE's scanimage program, which is not installed. Install the package sane-utils (sudo apt install sane-utils), or scan with another program and import the files.</source>
            <translation>اسکین کے لیے SANE کا ⁦scanimage⁩ پروگرام چاہیے، جو انسٹال نہیں۔ ⁦sane-utils⁩ پیکج انسٹال کریں (⁦sudo apt install sane-utils⁩)، یا کسی اور پروگرام سے اسکین کر کے فائلیں درآمد کریں۔</translation>
        </message>
        <message>
            <source>The scanner did not answer in time. Check it is switched on and connected, then try again.</source>
            <translation>اسکینر نے وقت پر جواب نہیں دیا۔ دیکھیں کہ وہ چالو اور جڑا ہوا ہے، پھر دوبارہ کوشش کریں۔</translation>
        </message>
        <message>
            <source>Scanning with {0} failed: {1}. Check the scanner (paper loaded, lid closed, cable) and try again.</source>
            <translation>⁦{0}⁩ سے اسکین نہیں ہو سکا: {1}۔ اسکینر دیکھیں (کاغذ رکھا ہے، ڈھکن بند ہے، تار لگی ہے) اور دوبارہ کوشش کریں۔</translation>
        </message>
        <message>
            <source>The scanner returned no page. Put the page on the glass (or in the feeder) and try again.</source>
            <translation>اسکینر سے کوئی صفحہ نہیں آیا۔ صفحہ شیشے پر (یا فیڈر میں) رکھیں اور دوبارہ کوشش کریں۔</translation>
        </message>
        <message>
            <source>Scanning was stopped: Daftar is closing.</source>
            <translation>اسکین روک دیا گیا: دفتر بند ہو رہا ہے۔</translation>
        </message>
        <message>
            <source>office '{0}' says its workspace was restored on {1} from a backup made on {2}: what it recorded after that backup and before the restore is not in this export, so an export it made before the restore may hold records, or versions of them, that this one lacks</source>
            <translation>دفتر '{0}' کے مطابق اس کی ورک اسپیس ⁦{1}⁩ کو ایک بیک اپ سے بحال کی گئی جو ⁦{2}⁩ کو بنا تھا: اس بیک اپ کے بعد اور بحالی سے پہلے اس نے جو کچھ درج کیا وہ اس برآمد میں نہیں، اس لیے بحالی سے پہلے کی اس کی کسی برآمد میں ایسے ریکارڈ، یا ان کے ایسے نسخے، ہو سکتے ہیں جو اس میں نہیں</translation>
        </message>
        <message>
            <source>this workspace holds an export of that office made before that restore (made {0}, imported on {1} from {2}): compare the two before relying on either; nothing imported here was changed</source>
            <translation>اس ورک اسپیس میں اس دفتر کی ایک برآمد ہے جو اس بحالی سے پہلے بنی تھی (بنی ⁦{0}⁩، درآمد ہوئی ⁦{1}⁩ کو ⁦{2}⁩ سے): کسی ایک پر بھروسا کرنے سے پہلے دونوں کا موازنہ کریں؛ یہاں پہلے درآمد شدہ کچھ نہیں بدلا گیا</translation>
        </message>
    </context>
    <context>
        <name>NewRegisterWizard</name>
        <message>
            <source>New register</source>
            <translation>نیا رجسٹر</translation>
        </message>
        <message>
            <source>The register was not created: {error}</source>
            <translation>رجسٹر نہیں بنا: {error}</translation>
        </message>
    </context>
    <context>
        <name>NewUserDialog</name>
        <message>
            <source>New user</source>
            <translation>نیا صارف</translation>
        </message>
        <message>
            <source>User name</source>
            <translation>صارف نام</translation>
        </message>
        <message>
            <source>Full name</source>
            <translation>پورا نام</translation>
        </message>
        <message>
            <source>Role</source>
            <translation>عہدہ</translation>
        </message>
        <message>
            <source>Password</source>
            <translation>پاس ورڈ</translation>
        </message>
        <message>
            <source>Password again</source>
            <translation>پاس ورڈ دوبارہ</translation>
        </message>
        <message>
            <source>The two passwords differ: type the same password twice.</source>
            <translation>دونوں پاس ورڈ مختلف ہیں: ایک ہی پاس ورڈ دو بار لکھیں۔</translation>
        </message>
        <message>
            <source>Type a user name.</source>
            <translation>صارف نام لکھیں۔</translation>
        </message>
        <message>
            <source>The user name {user} is taken: choose another.</source>
            <translation>صارف نام {user} پہلے سے موجود ہے: کوئی اور چنیں۔</translation>
        </message>
    </context>
    <context>
        <name>NewWorkspaceDialog</name>
        <message>
            <source>Daftar — new workspace</source>
            <translation>دفتر — نئی ورک اسپیس</translation>
        </message>
        <message>
            <source>No workspace yet at {path}. Create it with its first administrator: the administrator makes the accounts of clerks and supervisors.</source>
            <translation>⁦{path}⁩ پر ابھی کوئی ورک اسپیس نہیں۔ اسے پہلے منتظم کے ساتھ بنائیں: منتظم کلرکوں اور نگرانوں کے اکاؤنٹ بناتا ہے۔</translation>
        </message>
        <message>
            <source>User name</source>
            <translation>صارف نام</translation>
        </message>
        <message>
            <source>Full name</source>
            <translation>پورا نام</translation>
        </message>
        <message>
            <source>Password</source>
            <translation>پاس ورڈ</translation>
        </message>
        <message>
            <source>Password again</source>
            <translation>پاس ورڈ دوبارہ</translation>
        </message>
        <message>
            <source>Encrypt the records on this computer (recommended)</source>
            <translation>اس کمپیوٹر پر ریکارڈ خفیہ (انکرپٹ) رکھیں (تجویز کردہ)</translation>
        </message>
        <message>
            <source>A stolen computer then shows nothing: the database and page images open only with a user's password or the recovery code.</source>
            <translation>کمپیوٹر چوری ہو جائے تو بھی کچھ ظاہر نہیں ہوتا: ڈیٹا بیس اور صفحات کی تصاویر صرف کسی صارف کے پاس ورڈ یا بحالی کوڈ سے کھلتی ہیں۔</translation>
        </message>
        <message>
            <source>Type a user name and a password.</source>
            <translation>صارف نام اور پاس ورڈ لکھیں۔</translation>
        </message>
        <message>
            <source>The two passwords differ: type the same password twice.</source>
            <translation>دونوں پاس ورڈ مختلف ہیں: ایک ہی پاس ورڈ دو بار لکھیں۔</translation>
        </message>
        <message>
            <source>Not created: {reason}</source>
            <translation>نہیں بنا: {reason}</translation>
        </message>
        <message>
            <source>Creating the workspace…</source>
            <translation>ورک اسپیس بنائی جا رہی ہے…</translation>
        </message>
    </context>
    <context>
        <name>NoticesDialog</name>
        <message>
            <source>Third-party software and licences</source>
            <translation>دوسروں کے سافٹ ویئر اور ان کے لائسنس</translation>
        </message>
        <message>
            <source>Reading…</source>
            <translation>پڑھا جا رہا ہے…</translation>
        </message>
        <message>
            <source>The notices could not be read: {reason}</source>
            <translation>لائسنس کی تفصیل پڑھی نہیں جا سکی: {reason}</translation>
        </message>
    </context>
    <context>
        <name>OcrQueue</name>
        <message>
            <source>page {n}</source>
            <translation>صفحہ ⁦{n}⁩</translation>
        </message>
        <message>
            <source>the OCR worker stopped while reading this page, twice (too little memory for this image?): type its rows in, or scan it again at 300 dpi and import it</source>
            <translation>یہ صفحہ پڑھتے ہوئے OCR کا عمل دو بار رک گیا (اس تصویر کے لیے میموری کم؟): اس کی سطریں ہاتھ سے لکھیں، یا اسے 300 dpi پر دوبارہ اسکین کر کے درآمد کریں</translation>
        </message>
    </context>
    <context>
        <name>Op</name>
        <message>
            <source>Daftar</source>
            <translation>دفتر</translation>
        </message>
    </context>
    <context>
        <name>PageRowsModel</name>
        <message>
            <source>Sent back: {comment}</source>
            <translation>واپسی کی وجہ: {comment}</translation>
        </message>
    </context>
    <context>
        <name>Pages</name>
        <message>
            <source>OCR failed: {error}. Select the page and choose OCR › Retry failed pages.</source>
            <translation>‏OCR ناکام: {error}۔ صفحہ منتخب کریں اور OCR › ناکام صفحات دوبارہ پڑھیں چنیں۔</translation>
        </message>
        <message>
            <source>no image</source>
            <translation>تصویر نہیں</translation>
        </message>
        <message>
            <source>No scanned page: its rows were copied from the previous edition; correct them against the paper register.</source>
            <translation>اسکین شدہ صفحہ نہیں: اس کی سطریں پچھلے ایڈیشن سے نقل کی گئی ہیں؛ انہیں کاغذی رجسٹر سے ملا کر درست کریں۔</translation>
        </message>
        <message>
            <source>Its column headings are those of a {kind} page: check that the page belongs to this register (if not: Register › Move page to another register…).</source>
            <translation>اس کے کالموں کے عنوان {kind} کے صفحے کے ہیں: دیکھ لیں کہ یہ صفحہ اسی رجسٹر کا ہے (اگر نہیں تو: رجسٹر › صفحہ دوسرے رجسٹر میں منتقل کریں…)۔</translation>
        </message>
    </context>
    <context>
        <name>PdfPageSetupDialog</name>
        <message>
            <source>Page setup</source>
            <translation>صفحے کی ترتیب</translation>
        </message>
        <message>
            <source>No printer is set up on this computer: Print saves these pages as a PDF file, to print on a computer that has one. Choose the PDF's paper here.</source>
            <translation>اس کمپیوٹر پر کوئی پرنٹر نصب نہیں: پرنٹ ان صفحات کو پی ڈی ایف فائل میں محفوظ کرتا ہے، جسے پرنٹر والے کمپیوٹر پر چھاپا جا سکتا ہے۔ پی ڈی ایف کا کاغذ یہاں چنیں۔</translation>
        </message>
        <message>
            <source>Legal</source>
            <translation>لیگل</translation>
        </message>
        <message>
            <source>Letter</source>
            <translation>لیٹر</translation>
        </message>
        <message>
            <source>Portrait</source>
            <translation>عمودی</translation>
        </message>
        <message>
            <source>Landscape</source>
            <translation>افقی</translation>
        </message>
        <message>
            <source>Paper</source>
            <translation>کاغذ</translation>
        </message>
        <message>
            <source>Orientation</source>
            <translation>رخ</translation>
        </message>
    </context>
    <context>
        <name>PreferencesDialog</name>
        <message>
            <source>Preferences</source>
            <translation>ترجیحات</translation>
        </message>
        <message>
            <source>My interface</source>
            <translation>میری اسکرین</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>زبان</translation>
        </message>
        <message>
            <source>Office display settings</source>
            <translation>دفتر کی نمائش کی ترتیبات</translation>
        </message>
        <message>
            <source>Language of new users</source>
            <translation>نئے صارفین کی زبان</translation>
        </message>
        <message>
            <source>Show numbers in Urdu digits (۱۲-۵ instead of 12-5)</source>
            <translation>اعداد اردو ہندسوں میں دکھائیں (⁦12-5⁩ کی بجائے ⁦۱۲-۵⁩)</translation>
        </message>
        <message>
            <source>Date format</source>
            <translation>تاریخ کی شکل</translation>
        </message>
        <message>
            <source>Urdu font of the records</source>
            <translation>ریکارڈ کا اردو خط</translation>
        </message>
        <message>
            <source>Nastaliq prints as the registers are written; its PDFs are larger and take about twice as long to make. Both copy out word by word.</source>
            <translation>نستعلیق میں رپورٹ ویسی چھپتی ہے جیسے رجسٹر لکھے جاتے ہیں؛ اس کی PDF بڑی ہوتی ہے اور بننے میں تقریباً دگنا وقت لیتی ہے۔ دونوں سے الفاظ پورے نقل ہوتے ہیں۔</translation>
        </message>
        <message>
            <source>Urdu font of printed reports</source>
            <translation>چھپی ہوئی رپورٹوں کا اردو خط</translation>
        </message>
        <message>
            <source>The office</source>
            <translation>دفتر</translation>
        </message>
        <message>
            <source>Office name (printed on reports)</source>
            <translation>دفتر کا نام (رپورٹوں پر چھپتا ہے)</translation>
        </message>
        <message>
            <source>District (for new registers)</source>
            <translation>ضلع (نئے رجسٹروں کے لیے)</translation>
        </message>
        <message>
            <source>Tehsil (for new registers)</source>
            <translation>تحصیل (نئے رجسٹروں کے لیے)</translation>
        </message>
        <message>
            <source>A revenue officer verifies approved entries before they are sent</source>
            <translation>منظور شدہ اندراج بھیجنے سے پہلے ریونیو افسر ان کی تصدیق کرے</translation>
        </message>
        <message>
            <source>Pages OCR reads at the same time</source>
            <translation>OCR ایک وقت میں کتنے صفحے پڑھے</translation>
        </message>
        <message>
            <source>Scanning resolution</source>
            <translation>اسکین کی ریزولیوشن</translation>
        </message>
        <message>
            <source>never</source>
            <translation>کبھی نہیں</translation>
        </message>
        <message>
            <source> minutes</source>
            <translation> منٹ</translation>
        </message>
        <message>
            <source>After this long without use, Daftar hides its window until the signed-in user types the password again.</source>
            <translation>اتنی دیر استعمال نہ ہونے پر دفتر اپنی ونڈو چھپا دیتا ہے، جب تک داخل شدہ صارف دوبارہ اپنا پاس ورڈ نہ لکھے۔</translation>
        </message>
        <message>
            <source>Lock the window after</source>
            <translation>استعمال کے بغیر ونڈو مقفل ہو</translation>
        </message>
        <message>
            <source> days</source>
            <translation> دن</translation>
        </message>
        <message>
            <source>Remind to back up after</source>
            <translation>بیک اپ کی یاد دہانی، اتنے دن بعد</translation>
        </message>
        <message>
            <source>Only an administrator changes the office settings.</source>
            <translation>دفتر کی ترتیبات صرف منتظم بدل سکتا ہے۔</translation>
        </message>
        <message>
            <source>A new language or display setting applies when you save: the window opens again in it, at the same page.</source>
            <translation>نئی زبان یا ڈسپلے کی ترتیب محفوظ کرتے ہی لاگو ہو جاتی ہے: کھڑکی اسی صفحے پر اس میں دوبارہ کھلتی ہے۔</translation>
        </message>
        <message>
            <source>Not saved: {reason}</source>
            <translation>محفوظ نہیں ہوا: {reason}</translation>
        </message>
    </context>
    <context>
        <name>ProgressPanel</name>
        <message>
            <source>Cancel</source>
            <translation>منسوخ</translation>
        </message>
        <message>
            <source>OCR {done} of {total} pages</source>
            <translation>OCR: {total} میں سے {done} صفحات</translation>
        </message>
    </context>
    <context>
        <name>QAbstractFileIconProvider</name>
        <message>
            <source>Computer</source>
            <translation>کمپیوٹر</translation>
        </message>
        <message>
            <source>Desktop</source>
            <translation>ڈیسک ٹاپ</translation>
        </message>
        <message>
            <source>Trashcan</source>
            <translation>ردی کی ٹوکری</translation>
        </message>
        <message>
            <source>Network</source>
            <translation>نیٹ ورک</translation>
        </message>
        <message>
            <source>Drive</source>
            <translation>ڈرائیو</translation>
        </message>
        <message>
            <source>Folder</source>
            <translation>فولڈر</translation>
        </message>
        <message>
            <source>File</source>
            <translation>فائل</translation>
        </message>
        <message>
            <source>Unknown</source>
            <translation>نامعلوم</translation>
        </message>
    </context>
    <context>
        <name>QCupsJobWidget</name>
        <message>
            <source>Job</source>
            <translation>پرنٹ کا کام</translation>
        </message>
        <message>
            <source>Job Control</source>
            <translation>کام کا انتظام</translation>
        </message>
        <message>
            <source>Scheduled &amp;printing:</source>
            <translation>کب پرنٹ ہو:</translation>
        </message>
        <message>
            <source>&amp;Billing information:</source>
            <translation>حساب کی معلومات:</translation>
        </message>
        <message>
            <source>Job &amp;priority:</source>
            <translation>کام کی ترجیح:</translation>
        </message>
        <message>
            <source>Banner Pages</source>
            <translation>سرورق کے صفحات</translation>
        </message>
        <message>
            <source>&amp;Start:</source>
            <translation>شروع میں:</translation>
        </message>
        <message>
            <source>&amp;End:</source>
            <translation>آخر میں:</translation>
        </message>
        <message>
            <source>Print Immediately</source>
            <translation>فوراً پرنٹ کریں</translation>
        </message>
        <message>
            <source>Hold Indefinitely</source>
            <translation>روک کر رکھیں</translation>
        </message>
        <message>
            <source>Day (06:00 to 17:59)</source>
            <translation>دن (06:00 سے 17:59 تک)</translation>
        </message>
        <message>
            <source>Night (18:00 to 05:59)</source>
            <translation>رات (18:00 سے 05:59 تک)</translation>
        </message>
        <message>
            <source>Second Shift (16:00 to 23:59)</source>
            <translation>دوسری شفٹ (16:00 سے 23:59 تک)</translation>
        </message>
        <message>
            <source>Third Shift (00:00 to 07:59)</source>
            <translation>تیسری شفٹ (00:00 سے 07:59 تک)</translation>
        </message>
        <message>
            <source>Weekend (Saturday to Sunday)</source>
            <translation>ہفتے کی چھٹی (ہفتہ تا اتوار)</translation>
        </message>
        <message>
            <source>Specific Time</source>
            <translation>مقررہ وقت پر</translation>
        </message>
        <message>
            <source>None</source>
            <translation>کوئی نہیں</translation>
        </message>
        <message>
            <source>Standard</source>
            <translation>معیاری</translation>
        </message>
        <message>
            <source>Unclassified</source>
            <translation>غیر درجہ بند</translation>
        </message>
        <message>
            <source>Confidential</source>
            <translation>رازدارانہ</translation>
        </message>
        <message>
            <source>Classified</source>
            <translation>درجہ بند</translation>
        </message>
        <message>
            <source>Secret</source>
            <translation>خفیہ</translation>
        </message>
        <message>
            <source>Top Secret</source>
            <translation>انتہائی خفیہ</translation>
        </message>
    </context>
    <context>
        <name>QCupsPrinterSupport</name>
        <message>
            <source>Authentication Needed</source>
            <translation>تصدیق درکار ہے</translation>
        </message>
        <message>
            <source>Authentication needed to use %1.</source>
            <translation>⁦%1⁩ استعمال کرنے کے لیے تصدیق درکار ہے۔</translation>
        </message>
        <message>
            <source>Authentication needed to use %1 on %2.</source>
            <translation>⁦%2⁩ پر ⁦%1⁩ استعمال کرنے کے لیے تصدیق درکار ہے۔</translation>
        </message>
        <message>
            <source>Username:</source>
            <translation>صارف نام:</translation>
        </message>
        <message>
            <source>Password:</source>
            <translation>پاس ورڈ:</translation>
        </message>
    </context>
    <context>
        <name>QFileDialog</name>
        <message>
            <source>&amp;Look in:</source>
            <translation>یہاں دیکھیں:</translation>
        </message>
        <message>
            <source>Look in:</source>
            <translation>یہاں دیکھیں:</translation>
        </message>
        <message>
            <source>File &amp;name:</source>
            <translation>فائل کا نام:</translation>
        </message>
        <message>
            <source>Files of &amp;type:</source>
            <translation>فائلوں کی قسم:</translation>
        </message>
        <message>
            <source>Files of type:</source>
            <translation>فائلوں کی قسم:</translation>
        </message>
        <message>
            <source>&amp;Open</source>
            <translation>کھولیں</translation>
        </message>
        <message>
            <source>&amp;Save</source>
            <translation>محفوظ کریں</translation>
        </message>
        <message>
            <source>&amp;Choose</source>
            <translation>چنیں</translation>
        </message>
        <message>
            <source>Save As</source>
            <translation>اس نام سے محفوظ کریں</translation>
        </message>
        <message>
            <source>Find Directory</source>
            <translation>فولڈر چنیں</translation>
        </message>
        <message>
            <source>Directory:</source>
            <translation>فولڈر:</translation>
        </message>
        <message>
            <source>Go back</source>
            <translation>پیچھے جائیں</translation>
        </message>
        <message>
            <source>Forward</source>
            <translation>آگے</translation>
        </message>
        <message>
            <source>Go forward</source>
            <translation>آگے جائیں</translation>
        </message>
        <message>
            <source>Parent Directory</source>
            <translation>اوپر والا فولڈر</translation>
        </message>
        <message>
            <source>Go to the parent directory</source>
            <translation>اوپر والے فولڈر میں جائیں</translation>
        </message>
        <message>
            <source>Create New Folder</source>
            <translation>نیا فولڈر بنائیں</translation>
        </message>
        <message>
            <source>Create a New Folder</source>
            <translation>نیا فولڈر بنائیں</translation>
        </message>
        <message>
            <source>List View</source>
            <translation>فہرست</translation>
        </message>
        <message>
            <source>Change to list view mode</source>
            <translation>فہرست کی صورت میں دکھائیں</translation>
        </message>
        <message>
            <source>Detail View</source>
            <translation>تفصیل</translation>
        </message>
        <message>
            <source>Change to detail view mode</source>
            <translation>تفصیل کے ساتھ دکھائیں</translation>
        </message>
        <message>
            <source>Sidebar</source>
            <translation>جانبی پٹی</translation>
        </message>
        <message>
            <source>List of places and bookmarks</source>
            <translation>مقامات اور نشانیاں</translation>
        </message>
        <message>
            <source>Files</source>
            <translation>فائلیں</translation>
        </message>
        <message>
            <source>All files (*)</source>
            <translation>تمام فائلیں (*)</translation>
        </message>
        <message>
            <source>All Files (*)</source>
            <translation>تمام فائلیں (*)</translation>
        </message>
        <message>
            <source>&amp;Rename</source>
            <translation>نام بدلیں</translation>
        </message>
        <message>
            <source>&amp;Delete</source>
            <translation>حذف کریں</translation>
        </message>
        <message>
            <source>Show &amp;hidden files</source>
            <translation>چھپی فائلیں دکھائیں</translation>
        </message>
        <message>
            <source>&amp;New Folder</source>
            <translation>نیا فولڈر</translation>
        </message>
        <message>
            <source>New Folder</source>
            <translation>نیا فولڈر</translation>
        </message>
        <message>
            <source>Recent Places</source>
            <translation>حالیہ مقامات</translation>
        </message>
        <message>
            <source>Directories</source>
            <translation>فولڈر</translation>
        </message>
        <message>
            <source>Could not delete directory.</source>
            <translation>فولڈر حذف نہیں ہو سکا۔</translation>
        </message>
        <message>
            <source>%1 already exists.
Do you want to replace it?</source>
            <translation>⁦%1⁩ پہلے سے موجود ہے۔
کیا اس کی جگہ نئی محفوظ کرنی ہے؟</translation>
        </message>
        <message>
            <source>%1
Directory not found.
Please verify the correct directory name was given.</source>
            <translation>⁦%1⁩
فولڈر نہیں ملا۔
فولڈر کا نام درست ہے یا نہیں، دیکھیں۔</translation>
        </message>
        <message>
            <source>%1
File not found.
Please verify the correct file name was given.</source>
            <translation>⁦%1⁩
فائل نہیں ملی۔
فائل کا نام درست ہے یا نہیں، دیکھیں۔</translation>
        </message>
        <message>
            <source>'%1' is write protected.
Do you want to delete it anyway?</source>
            <translation>«⁦%1⁩» میں لکھنا منع ہے۔
کیا پھر بھی حذف کرنی ہے؟</translation>
        </message>
        <message>
            <source>Are you sure you want to delete '%1'?</source>
            <translation>کیا واقعی «⁦%1⁩» حذف کرنی ہے؟</translation>
        </message>
    </context>
    <context>
        <name>QFileSystemModel</name>
        <message>
            <source>Name</source>
            <translation>نام</translation>
        </message>
        <message>
            <source>Size</source>
            <translation>سائز</translation>
        </message>
        <message>
            <source>Type</source>
            <translation>قسم</translation>
        </message>
        <message>
            <source>Date Modified</source>
            <translation>تبدیلی کی تاریخ</translation>
        </message>
    </context>
    <context>
        <name>QLineEdit</name>
        <message>
            <source>&amp;Undo</source>
            <translation>واپس لیں</translation>
        </message>
        <message>
            <source>&amp;Redo</source>
            <translation>دوبارہ کریں</translation>
        </message>
        <message>
            <source>Cu&amp;t</source>
            <translation>کاٹیں</translation>
        </message>
        <message>
            <source>&amp;Copy</source>
            <translation>نقل کریں</translation>
        </message>
        <message>
            <source>&amp;Paste</source>
            <translation>چسپاں کریں</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>حذف کریں</translation>
        </message>
        <message>
            <source>Select All</source>
            <translation>سب منتخب کریں</translation>
        </message>
    </context>
    <context>
        <name>QPPDOptionsModel</name>
        <message>
            <source>Name</source>
            <translation>نام</translation>
        </message>
        <message>
            <source>Value</source>
            <translation>قدر</translation>
        </message>
    </context>
    <context>
        <name>QPageSetupWidget</name>
        <message>
            <source>Form</source>
            <translation>فارم</translation>
        </message>
        <message>
            <source>Paper</source>
            <translation>کاغذ</translation>
        </message>
        <message>
            <source>Page size:</source>
            <translation>کاغذ کا سائز:</translation>
        </message>
        <message>
            <source>Width:</source>
            <translation>چوڑائی:</translation>
        </message>
        <message>
            <source>Height:</source>
            <translation>لمبائی:</translation>
        </message>
        <message>
            <source>Paper source:</source>
            <translation>کاغذ کی ٹرے:</translation>
        </message>
        <message>
            <source>Orientation</source>
            <translation>رخ</translation>
        </message>
        <message>
            <source>Portrait</source>
            <translation>عمودی</translation>
        </message>
        <message>
            <source>Landscape</source>
            <translation>افقی</translation>
        </message>
        <message>
            <source>Reverse landscape</source>
            <translation>الٹا افقی</translation>
        </message>
        <message>
            <source>Reverse portrait</source>
            <translation>الٹا عمودی</translation>
        </message>
        <message>
            <source>Margins</source>
            <translation>حاشیے</translation>
        </message>
        <message>
            <source>top margin</source>
            <translation>اوپر کا حاشیہ</translation>
        </message>
        <message>
            <source>left margin</source>
            <translation>بایاں حاشیہ</translation>
        </message>
        <message>
            <source>right margin</source>
            <translation>دایاں حاشیہ</translation>
        </message>
        <message>
            <source>bottom margin</source>
            <translation>نیچے کا حاشیہ</translation>
        </message>
        <message>
            <source>Page Layout</source>
            <translation>صفحات کی ترتیب</translation>
        </message>
        <message>
            <source>Page &amp;order:</source>
            <translation>صفحات کس ترتیب سے:</translation>
        </message>
        <message>
            <source>Pages &amp;per sheet:</source>
            <translation>ایک کاغذ پر صفحات:</translation>
        </message>
        <message>
            <source>Millimeters (mm)</source>
            <translation>ملی میٹر (mm)</translation>
        </message>
        <message>
            <source>Inches (in)</source>
            <translation>انچ (in)</translation>
        </message>
        <message>
            <source>Points (pt)</source>
            <translation>پوائنٹ (pt)</translation>
        </message>
        <message>
            <source>Pica (P̸)</source>
            <translation>پائیکا (P̸)</translation>
        </message>
        <message>
            <source>Didot (DD)</source>
            <translation>ڈیڈو (DD)</translation>
        </message>
        <message>
            <source>Cicero (CC)</source>
            <translation>سسیرو (CC)</translation>
        </message>
        <message>
            <source>Custom</source>
            <translation>اپنی مرضی کا</translation>
        </message>
    </context>
    <context>
        <name>QPageSize</name>
        <message>
            <source>Custom</source>
            <translation>اپنی مرضی کا</translation>
        </message>
        <message>
            <source>Custom (%1mm x %2mm)</source>
            <translation>اپنی مرضی کا (⁦%1 x %2⁩ ملی میٹر)</translation>
        </message>
        <message>
            <source>Custom (%1pt x %2pt)</source>
            <translation>اپنی مرضی کا (⁦%1 x %2⁩ پوائنٹ)</translation>
        </message>
        <message>
            <source>Custom (%1in x %2in)</source>
            <translation>اپنی مرضی کا (⁦%1 x %2⁩ انچ)</translation>
        </message>
        <message>
            <source>Custom (%1pc x %2pc)</source>
            <translation>اپنی مرضی کا (⁦%1 x %2⁩ پائیکا)</translation>
        </message>
        <message>
            <source>Custom (%1DD x %2DD)</source>
            <translation>اپنی مرضی کا (⁦%1 x %2⁩ ڈیڈو)</translation>
        </message>
        <message>
            <source>Custom (%1CC x %2CC)</source>
            <translation>اپنی مرضی کا (⁦%1 x %2⁩ سسیرو)</translation>
        </message>
        <message>
            <source>%1 x %2 in</source>
            <translation>⁦%1 x %2⁩ انچ</translation>
        </message>
        <message>
            <source>Letter / ANSI A</source>
            <translation>لیٹر / ANSI A</translation>
        </message>
        <message>
            <source>Legal</source>
            <translation>لیگل</translation>
        </message>
        <message>
            <source>Executive (7.5 x 10 in)</source>
            <translation>ایگزیکٹو (⁦7.5 x 10⁩ انچ)</translation>
        </message>
        <message>
            <source>Executive (7.25 x 10.5 in)</source>
            <translation>ایگزیکٹو (⁦7.25 x 10.5⁩ انچ)</translation>
        </message>
        <message>
            <source>Folio (8.27 x 13 in)</source>
            <translation>فولیو (⁦8.27 x 13⁩ انچ)</translation>
        </message>
        <message>
            <source>Ledger / ANSI B</source>
            <translation>لیجر / ANSI B</translation>
        </message>
        <message>
            <source>Tabloid / ANSI B</source>
            <translation>ٹیبلائیڈ / ANSI B</translation>
        </message>
        <message>
            <source>A3 Extra</source>
            <translation>A3 ایکسٹرا</translation>
        </message>
        <message>
            <source>A4 Extra</source>
            <translation>A4 ایکسٹرا</translation>
        </message>
        <message>
            <source>A4 Plus</source>
            <translation>A4 پلس</translation>
        </message>
        <message>
            <source>A4 Small</source>
            <translation>A4 چھوٹا</translation>
        </message>
        <message>
            <source>A5 Extra</source>
            <translation>A5 ایکسٹرا</translation>
        </message>
        <message>
            <source>B5 Extra</source>
            <translation>B5 ایکسٹرا</translation>
        </message>
        <message>
            <source>Legal Extra</source>
            <translation>لیگل ایکسٹرا</translation>
        </message>
        <message>
            <source>Letter Extra</source>
            <translation>لیٹر ایکسٹرا</translation>
        </message>
        <message>
            <source>Letter Plus</source>
            <translation>لیٹر پلس</translation>
        </message>
        <message>
            <source>Letter Small</source>
            <translation>لیٹر چھوٹا</translation>
        </message>
        <message>
            <source>Tabloid Extra</source>
            <translation>ٹیبلائیڈ ایکسٹرا</translation>
        </message>
        <message>
            <source>Architect A</source>
            <translation>آرکیٹیکٹ A</translation>
        </message>
        <message>
            <source>Architect B</source>
            <translation>آرکیٹیکٹ B</translation>
        </message>
        <message>
            <source>Architect C</source>
            <translation>آرکیٹیکٹ C</translation>
        </message>
        <message>
            <source>Architect D</source>
            <translation>آرکیٹیکٹ D</translation>
        </message>
        <message>
            <source>Architect E</source>
            <translation>آرکیٹیکٹ E</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>نوٹ</translation>
        </message>
        <message>
            <source>Quarto</source>
            <translation>کوارٹو</translation>
        </message>
        <message>
            <source>Statement</source>
            <translation>اسٹیٹمنٹ</translation>
        </message>
        <message>
            <source>Super A</source>
            <translation>سپر A</translation>
        </message>
        <message>
            <source>Super B</source>
            <translation>سپر B</translation>
        </message>
        <message>
            <source>Postcard</source>
            <translation>پوسٹ کارڈ</translation>
        </message>
        <message>
            <source>Double Postcard</source>
            <translation>ڈبل پوسٹ کارڈ</translation>
        </message>
        <message>
            <source>PRC 32K Big</source>
            <translation>PRC 32K بڑا</translation>
        </message>
        <message>
            <source>Fan-fold US (14.875 x 11 in)</source>
            <translation>فین فولڈ امریکی (⁦14.875 x 11⁩ انچ)</translation>
        </message>
        <message>
            <source>Fan-fold German (8.5 x 12 in)</source>
            <translation>فین فولڈ جرمن (⁦8.5 x 12⁩ انچ)</translation>
        </message>
        <message>
            <source>Fan-fold German Legal (8.5 x 13 in)</source>
            <translation>فین فولڈ جرمن لیگل (⁦8.5 x 13⁩ انچ)</translation>
        </message>
        <message>
            <source>Envelope B4</source>
            <translation>لفافہ B4</translation>
        </message>
        <message>
            <source>Envelope B5</source>
            <translation>لفافہ B5</translation>
        </message>
        <message>
            <source>Envelope B6</source>
            <translation>لفافہ B6</translation>
        </message>
        <message>
            <source>Envelope C0</source>
            <translation>لفافہ C0</translation>
        </message>
        <message>
            <source>Envelope C1</source>
            <translation>لفافہ C1</translation>
        </message>
        <message>
            <source>Envelope C2</source>
            <translation>لفافہ C2</translation>
        </message>
        <message>
            <source>Envelope C3</source>
            <translation>لفافہ C3</translation>
        </message>
        <message>
            <source>Envelope C4</source>
            <translation>لفافہ C4</translation>
        </message>
        <message>
            <source>Envelope C5</source>
            <translation>لفافہ C5</translation>
        </message>
        <message>
            <source>Envelope C6</source>
            <translation>لفافہ C6</translation>
        </message>
        <message>
            <source>Envelope C65</source>
            <translation>لفافہ C65</translation>
        </message>
        <message>
            <source>Envelope C7</source>
            <translation>لفافہ C7</translation>
        </message>
        <message>
            <source>Envelope DL</source>
            <translation>لفافہ DL</translation>
        </message>
        <message>
            <source>Envelope US 9</source>
            <translation>لفافہ US 9</translation>
        </message>
        <message>
            <source>Envelope US 10</source>
            <translation>لفافہ US 10</translation>
        </message>
        <message>
            <source>Envelope US 11</source>
            <translation>لفافہ US 11</translation>
        </message>
        <message>
            <source>Envelope US 12</source>
            <translation>لفافہ US 12</translation>
        </message>
        <message>
            <source>Envelope US 14</source>
            <translation>لفافہ US 14</translation>
        </message>
        <message>
            <source>Envelope PRC 1</source>
            <translation>لفافہ PRC 1</translation>
        </message>
        <message>
            <source>Envelope PRC 2</source>
            <translation>لفافہ PRC 2</translation>
        </message>
        <message>
            <source>Envelope PRC 3</source>
            <translation>لفافہ PRC 3</translation>
        </message>
        <message>
            <source>Envelope PRC 4</source>
            <translation>لفافہ PRC 4</translation>
        </message>
        <message>
            <source>Envelope PRC 5</source>
            <translation>لفافہ PRC 5</translation>
        </message>
        <message>
            <source>Envelope PRC 6</source>
            <translation>لفافہ PRC 6</translation>
        </message>
        <message>
            <source>Envelope PRC 7</source>
            <translation>لفافہ PRC 7</translation>
        </message>
        <message>
            <source>Envelope PRC 8</source>
            <translation>لفافہ PRC 8</translation>
        </message>
        <message>
            <source>Envelope PRC 9</source>
            <translation>لفافہ PRC 9</translation>
        </message>
        <message>
            <source>Envelope PRC 10</source>
            <translation>لفافہ PRC 10</translation>
        </message>
        <message>
            <source>Envelope Chou 3</source>
            <translation>لفافہ Chou 3</translation>
        </message>
        <message>
            <source>Envelope Chou 4</source>
            <translation>لفافہ Chou 4</translation>
        </message>
        <message>
            <source>Envelope Kaku 2</source>
            <translation>لفافہ Kaku 2</translation>
        </message>
        <message>
            <source>Envelope Kaku 3</source>
            <translation>لفافہ Kaku 3</translation>
        </message>
        <message>
            <source>Envelope You 4</source>
            <translation>لفافہ You 4</translation>
        </message>
        <message>
            <source>Envelope Monarch</source>
            <translation>لفافہ مونارک</translation>
        </message>
        <message>
            <source>Envelope Personal</source>
            <translation>لفافہ پرسنل</translation>
        </message>
        <message>
            <source>Envelope Invite</source>
            <translation>لفافہ دعوت نامہ</translation>
        </message>
        <message>
            <source>Envelope Italian</source>
            <translation>لفافہ اطالوی</translation>
        </message>
    </context>
    <context>
        <name>QPlatformTheme</name>
        <message>
            <source>OK</source>
            <translation>ٹھیک ہے</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>منسوخ</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>بند کریں</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>محفوظ کریں</translation>
        </message>
        <message>
            <source>Apply</source>
            <translation>لاگو کریں</translation>
        </message>
        <message>
            <source>&amp;Yes</source>
            <translation>ہاں</translation>
        </message>
        <message>
            <source>&amp;No</source>
            <translation>نہیں</translation>
        </message>
        <message>
            <source>Yes</source>
            <translation>ہاں</translation>
        </message>
        <message>
            <source>No</source>
            <translation>نہیں</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>کھولیں</translation>
        </message>
        <message>
            <source>Discard</source>
            <translation>رد کریں</translation>
        </message>
        <message>
            <source>Reset</source>
            <translation>دوبارہ ترتیب دیں</translation>
        </message>
        <message>
            <source>Help</source>
            <translation>مدد</translation>
        </message>
        <message>
            <source>Retry</source>
            <translation>دوبارہ کوشش</translation>
        </message>
        <message>
            <source>Ignore</source>
            <translation>نظر انداز کریں</translation>
        </message>
        <message>
            <source>Abort</source>
            <translation>روک دیں</translation>
        </message>
        <message>
            <source>Save All</source>
            <translation>سب محفوظ کریں</translation>
        </message>
        <message>
            <source>Restore Defaults</source>
            <translation>اصل ترتیبات بحال کریں</translation>
        </message>
    </context>
    <context>
        <name>QPrintDialog</name>
        <message>
            <source>Print</source>
            <translation>پرنٹ</translation>
        </message>
        <message>
            <source>&amp;Print</source>
            <translation>پرنٹ کریں</translation>
        </message>
        <message>
            <source>&amp;Options &gt;&gt;</source>
            <translation>اختیارات &gt;&gt;</translation>
        </message>
        <message>
            <source>&amp;Options &lt;&lt;</source>
            <translation>اختیارات &lt;&lt;</translation>
        </message>
        <message>
            <source>Print to File (PDF)</source>
            <translation>فائل میں پرنٹ (PDF)</translation>
        </message>
        <message>
            <source>Local file</source>
            <translation>اسی کمپیوٹر پر فائل</translation>
        </message>
        <message>
            <source>Write PDF file</source>
            <translation>PDF فائل بنائیں</translation>
        </message>
        <message>
            <source>Print To File ...</source>
            <translation>فائل میں پرنٹ…</translation>
        </message>
        <message>
            <source>All Pages</source>
            <translation>تمام صفحات</translation>
        </message>
        <message>
            <source>Odd Pages</source>
            <translation>طاق صفحات</translation>
        </message>
        <message>
            <source>Even Pages</source>
            <translation>جفت صفحات</translation>
        </message>
        <message>
            <source>Automatic</source>
            <translation>خودکار</translation>
        </message>
        <message>
            <source>Left to Right, Top to Bottom</source>
            <translation>بائیں سے دائیں، اوپر سے نیچے</translation>
        </message>
        <message>
            <source>Left to Right, Bottom to Top</source>
            <translation>بائیں سے دائیں، نیچے سے اوپر</translation>
        </message>
        <message>
            <source>Right to Left, Bottom to Top</source>
            <translation>دائیں سے بائیں، نیچے سے اوپر</translation>
        </message>
        <message>
            <source>Right to Left, Top to Bottom</source>
            <translation>دائیں سے بائیں، اوپر سے نیچے</translation>
        </message>
        <message>
            <source>Bottom to Top, Left to Right</source>
            <translation>نیچے سے اوپر، بائیں سے دائیں</translation>
        </message>
        <message>
            <source>Bottom to Top, Right to Left</source>
            <translation>نیچے سے اوپر، دائیں سے بائیں</translation>
        </message>
        <message>
            <source>Top to Bottom, Left to Right</source>
            <translation>اوپر سے نیچے، بائیں سے دائیں</translation>
        </message>
        <message>
            <source>Top to Bottom, Right to Left</source>
            <translation>اوپر سے نیچے، دائیں سے بائیں</translation>
        </message>
        <message>
            <source>%1 already exists.
Do you want to overwrite it?</source>
            <translation>⁦%1⁩ پہلے سے موجود ہے۔
کیا اس کی جگہ نئی فائل بنانی ہے؟</translation>
        </message>
        <message>
            <source>%1 is a directory.
Please choose a different file name.</source>
            <translation>⁦%1⁩ ایک فولڈر ہے۔
براہ کرم فائل کا کوئی اور نام چنیں۔</translation>
        </message>
        <message>
            <source>File %1 is not writable.
Please choose a different file name.</source>
            <translation>فائل ⁦%1⁩ لکھی نہیں جا سکتی۔
براہ کرم فائل کا کوئی اور نام چنیں۔</translation>
        </message>
        <message>
            <source>Invalid Pages Definition</source>
            <translation>صفحات درست نہیں لکھے گئے</translation>
        </message>
        <message>
            <source>%1 does not follow the correct syntax. Please use ',' to separate ranges and pages, '-' to define ranges and make sure ranges do not intersect with each other.</source>
            <translation>⁦%1⁩ درست طرح نہیں لکھا گیا۔ صفحات اور سلسلوں کو کوما ⁦,⁩ سے الگ کریں، سلسلہ ڈیش ⁦-⁩ سے لکھیں، اور دیکھ لیں کہ کوئی دو سلسلے ایک دوسرے میں نہ آئیں۔</translation>
        </message>
        <message>
            <source>Options 'Pages Per Sheet' and 'Page Set' cannot be used together.
Please turn one of those options off.</source>
            <translation>'ایک کاغذ پر صفحات' اور 'کون سے صفحات' ایک ساتھ نہیں چل سکتے۔
ان میں سے ایک بند کریں۔</translation>
        </message>
        <message>
            <source>Duplex Settings Conflicts</source>
            <translation>دو طرفہ پرنٹ کی ترتیبات میں ٹکراؤ</translation>
        </message>
        <message>
            <source>There are conflicts in duplex settings. Do you want to fix them?</source>
            <translation>دو طرفہ پرنٹ کی ترتیبات آپس میں ٹکراتی ہیں۔ کیا انہیں درست کرنا ہے؟</translation>
        </message>
    </context>
    <context>
        <name>QPrintPreviewDialog</name>
        <message>
            <source>Print Preview</source>
            <translation>پرنٹ کا پیش منظر</translation>
        </message>
        <message>
            <source>Next page</source>
            <translation>اگلا صفحہ</translation>
        </message>
        <message>
            <source>Previous page</source>
            <translation>پچھلا صفحہ</translation>
        </message>
        <message>
            <source>First page</source>
            <translation>پہلا صفحہ</translation>
        </message>
        <message>
            <source>Last page</source>
            <translation>آخری صفحہ</translation>
        </message>
        <message>
            <source>Fit width</source>
            <translation>پوری چوڑائی</translation>
        </message>
        <message>
            <source>Fit page</source>
            <translation>پورا صفحہ</translation>
        </message>
        <message>
            <source>Zoom in</source>
            <translation>بڑا کریں</translation>
        </message>
        <message>
            <source>Zoom out</source>
            <translation>چھوٹا کریں</translation>
        </message>
        <message>
            <source>Portrait</source>
            <translation>عمودی</translation>
        </message>
        <message>
            <source>Landscape</source>
            <translation>افقی</translation>
        </message>
        <message>
            <source>Show single page</source>
            <translation>ایک صفحہ دکھائیں</translation>
        </message>
        <message>
            <source>Show facing pages</source>
            <translation>آمنے سامنے کے صفحات دکھائیں</translation>
        </message>
        <message>
            <source>Show overview of all pages</source>
            <translation>سب صفحات ایک نظر میں دکھائیں</translation>
        </message>
        <message>
            <source>Print</source>
            <translation>پرنٹ کریں</translation>
        </message>
        <message>
            <source>Page setup</source>
            <translation>صفحے کی ترتیب</translation>
        </message>
        <message>
            <source>Page Setup</source>
            <translation>صفحے کی ترتیب</translation>
        </message>
        <message>
            <source>%1%</source>
            <translation>%1%</translation>
        </message>
    </context>
    <context>
        <name>QPrintPropertiesDialog</name>
        <message>
            <source>Printer Properties</source>
            <translation>پرنٹر کی خصوصیات</translation>
        </message>
        <message>
            <source>Job Options</source>
            <translation>پرنٹ کے کام کے اختیارات</translation>
        </message>
        <message>
            <source>Page Setup Conflicts</source>
            <translation>صفحے کی ترتیب میں ٹکراؤ</translation>
        </message>
        <message>
            <source>Advanced Option Conflicts</source>
            <translation>مزید ترتیبات میں ٹکراؤ</translation>
        </message>
        <message>
            <source>There are conflicts in page setup options. Do you want to fix them?</source>
            <translation>صفحے کی ترتیب کے اختیارات آپس میں ٹکراتے ہیں۔ کیا انہیں درست کرنا ہے؟</translation>
        </message>
        <message>
            <source>There are conflicts in some advanced options. Do you want to fix them?</source>
            <translation>مزید ترتیبات میں سے کچھ آپس میں ٹکراتی ہیں۔ کیا انہیں درست کرنا ہے؟</translation>
        </message>
    </context>
    <context>
        <name>QPrintPropertiesWidget</name>
        <message>
            <source>Form</source>
            <translation>فارم</translation>
        </message>
        <message>
            <source>Page</source>
            <translation>صفحہ</translation>
        </message>
        <message>
            <source>Advanced</source>
            <translation>مزید ترتیبات</translation>
        </message>
        <message>
            <source>There are conflicts in some options. Please fix them.</source>
            <translation>کچھ اختیارات آپس میں ٹکراتے ہیں۔ براہ کرم انہیں درست کریں۔</translation>
        </message>
    </context>
    <context>
        <name>QPrintSettingsOutput</name>
        <message>
            <source>Form</source>
            <translation>فارم</translation>
        </message>
        <message>
            <source>Copies</source>
            <translation>کاپیاں</translation>
        </message>
        <message>
            <source>Copies:</source>
            <translation>کاپیاں:</translation>
        </message>
        <message>
            <source>Collate</source>
            <translation>کاپیاں ترتیب وار</translation>
        </message>
        <message>
            <source>Reverse</source>
            <translation>الٹی ترتیب</translation>
        </message>
        <message>
            <source>Print range</source>
            <translation>کیا پرنٹ ہو</translation>
        </message>
        <message>
            <source>Print all</source>
            <translation>سب صفحات</translation>
        </message>
        <message>
            <source>Pages from</source>
            <translation>صفحات از</translation>
        </message>
        <message>
            <source>to</source>
            <translation>تا</translation>
        </message>
        <message>
            <source>Pages</source>
            <translation>صفحات</translation>
        </message>
        <message>
            <source>Current Page</source>
            <translation>موجودہ صفحہ</translation>
        </message>
        <message>
            <source>Selection</source>
            <translation>منتخب حصہ</translation>
        </message>
        <message>
            <source>Page &amp;Set:</source>
            <translation>کون سے صفحات:</translation>
        </message>
        <message>
            <source>Output Settings</source>
            <translation>پرنٹ کی ترتیبات</translation>
        </message>
        <message>
            <source>Options</source>
            <translation>اختیارات</translation>
        </message>
        <message>
            <source>Color Mode</source>
            <translation>رنگ</translation>
        </message>
        <message>
            <source>Color</source>
            <translation>رنگین</translation>
        </message>
        <message>
            <source>Grayscale</source>
            <translation>سیاہ و سفید</translation>
        </message>
        <message>
            <source>Double Sided Printing</source>
            <translation>دو طرفہ پرنٹ</translation>
        </message>
        <message>
            <source>Off</source>
            <translation>بند</translation>
        </message>
        <message>
            <source>Long side binding</source>
            <translation>لمبے کنارے سے جلد</translation>
        </message>
        <message>
            <source>Short side binding</source>
            <translation>چھوٹے کنارے سے جلد</translation>
        </message>
        <message>
            <source>Specify pages or ranges separated by commas. Ranges are specified by two numbers separated by a hyphen. E.g: 3,5-7,9 prints pages 3, 5, 6, 7 and 9.</source>
            <translation>صفحات یا صفحات کے سلسلے کوما سے الگ کر کے لکھیں۔ سلسلہ دو نمبر ہیں جن کے بیچ ڈیش ہو۔ مثلاً ⁦3,5-7,9⁩ لکھنے سے صفحات ⁦3, 5, 6, 7⁩ اور ⁦9⁩ پرنٹ ہوں گے۔</translation>
        </message>
    </context>
    <context>
        <name>QPrintWidget</name>
        <message>
            <source>Printer</source>
            <translation>پرنٹر</translation>
        </message>
        <message>
            <source>&amp;Name:</source>
            <translation>نام:</translation>
        </message>
        <message>
            <source>P&amp;roperties</source>
            <translation>خصوصیات</translation>
        </message>
        <message>
            <source>Location:</source>
            <translation>مقام:</translation>
        </message>
        <message>
            <source>Type:</source>
            <translation>قسم:</translation>
        </message>
        <message>
            <source>Output &amp;file:</source>
            <translation>بننے والی فائل:</translation>
        </message>
        <message>
            <source>Preview</source>
            <translation>پیش منظر</translation>
        </message>
        <message>
            <source>Form</source>
            <translation>فارم</translation>
        </message>
    </context>
    <context>
        <name>QTabBar</name>
        <message>
            <source>Scroll Left</source>
            <translation>بائیں سرکائیں</translation>
        </message>
        <message>
            <source>Scroll Right</source>
            <translation>دائیں سرکائیں</translation>
        </message>
    </context>
    <context>
        <name>QWizard</name>
        <message>
            <source>&lt; &amp;Back</source>
            <translation>پیچھے</translation>
        </message>
        <message>
            <source>&amp;Next &gt;</source>
            <translation>آگے</translation>
        </message>
        <message>
            <source>&amp;Finish</source>
            <translation>مکمل</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>منسوخ</translation>
        </message>
        <message>
            <source>&amp;Back</source>
            <translation>پیچھے</translation>
        </message>
        <message>
            <source>&amp;Next</source>
            <translation>آگے</translation>
        </message>
        <message>
            <source>Back</source>
            <translation>پیچھے</translation>
        </message>
        <message>
            <source>Next</source>
            <translation>آگے</translation>
        </message>
        <message>
            <source>Finish</source>
            <translation>مکمل</translation>
        </message>
        <message>
            <source>Help</source>
            <translation>مدد</translation>
        </message>
        <message>
            <source>Commit</source>
            <translation>محفوظ کریں</translation>
        </message>
    </context>
    <context>
        <name>RecoverDialog</name>
        <message>
            <source>Daftar — a new password with the recovery code</source>
            <translation>دفتر — بحالی کوڈ سے نیا پاس ورڈ</translation>
        </message>
        <message>
            <source>The recovery code, locked away since this workspace was made, sets a new password for an account: the administrator's, when no administrator can sign in. The user chooses their own password at the next sign-in, the audit trail records it, and a new recovery code replaces the one used.</source>
            <translation>بحالی کوڈ، جو ورک اسپیس بنتے وقت سے تالے میں رکھا ہے، کسی اکاؤنٹ کا نیا پاس ورڈ لگاتا ہے: منتظم کا، جب کوئی منتظم داخل نہ ہو سکے۔ صارف اگلی بار داخل ہوتے ہی اپنا پاس ورڈ چنے گا، آڈٹ ریکارڈ میں یہ درج ہو گا، اور استعمال شدہ کوڈ کی جگہ نیا بحالی کوڈ بنے گا۔</translation>
        </message>
        <message>
            <source>User name</source>
            <translation>صارف نام</translation>
        </message>
        <message>
            <source>Recovery code</source>
            <translation>بحالی کوڈ</translation>
        </message>
        <message>
            <source>New password</source>
            <translation>نیا پاس ورڈ</translation>
        </message>
        <message>
            <source>New password again</source>
            <translation>نیا پاس ورڈ دوبارہ</translation>
        </message>
        <message>
            <source>Type the user name and the recovery code.</source>
            <translation>صارف نام اور بحالی کوڈ لکھیں۔</translation>
        </message>
        <message>
            <source>The two passwords differ: type the same password twice.</source>
            <translation>دونوں پاس ورڈ مختلف ہیں: ایک ہی پاس ورڈ دو بار لکھیں۔</translation>
        </message>
        <message>
            <source>Not changed: {reason}</source>
            <translation>تبدیل نہیں ہوا: {reason}</translation>
        </message>
        <message>
            <source>Checking the recovery code…</source>
            <translation>بحالی کوڈ جانچا جا رہا ہے…</translation>
        </message>
    </context>
    <context>
        <name>RecoveryCodeDialog</name>
        <message>
            <source>Recovery code</source>
            <translation>بحالی کوڈ</translation>
        </message>
        <message>
            <source>Print this recovery code or write it down, and lock it away (in the office safe). It opens the workspace when every administrator password is lost. It is shown only this once.</source>
            <translation>یہ بحالی کوڈ پرنٹ کریں یا لکھ لیں، اور تالے میں (دفتر کی سیف میں) رکھیں۔ تمام منتظمین کے پاس ورڈ گم ہو جائیں تو یہی ورک اسپیس کھولتا ہے۔ یہ صرف ایک بار دکھایا جاتا ہے۔</translation>
        </message>
        <message>
            <source>Print…</source>
            <translation>پرنٹ کریں…</translation>
        </message>
        <message>
            <source>I have printed or written down the recovery code</source>
            <translation>میں نے بحالی کوڈ پرنٹ کر لیا ہے یا لکھ لیا ہے</translation>
        </message>
        <message>
            <source>Daftar recovery code</source>
            <translation>دفتر کا بحالی کوڈ</translation>
        </message>
    </context>
    <context>
        <name>RegisterRows</name>
        <message>
            <source>Page</source>
            <translation>صفحہ</translation>
        </message>
    </context>
    <context>
        <name>Registers</name>
        <message>
            <source>vol</source>
            <translation>جلد</translation>
        </message>
        <message>
            <source>{district} / {tehsil} / {mauza}, hadbast {hadbast}: {pages} pages, {entries} rows</source>
            <translation>{district} / {tehsil} / {mauza}، حدبست ⁦{hadbast}⁩: {pages} صفحات، {entries} اندراج</translation>
        </message>
    </context>
    <context>
        <name>ResetPasswordDialog</name>
        <message>
            <source>Reset password of {user}</source>
            <translation>{user} کا پاس ورڈ نیا کریں</translation>
        </message>
        <message>
            <source>Enable {user} again</source>
            <translation>{user} کو دوبارہ فعال کریں</translation>
        </message>
        <message>
            <source>{user} can sign in again with this password and must choose a new one at the next sign-in.</source>
            <translation>{user} اس پاس ورڈ سے دوبارہ داخل ہو سکیں گے، اور اگلی بار داخل ہوتے ہی انہیں نیا پاس ورڈ چننا ہوگا۔</translation>
        </message>
        <message>
            <source>{user} must choose a new password at the next sign-in.</source>
            <translation>{user} کو اگلے داخلے پر نیا پاس ورڈ چننا ہو گا۔</translation>
        </message>
        <message>
            <source>New password</source>
            <translation>نیا پاس ورڈ</translation>
        </message>
        <message>
            <source>New password again</source>
            <translation>نیا پاس ورڈ دوبارہ</translation>
        </message>
        <message>
            <source>The two passwords differ: type the same password twice.</source>
            <translation>دونوں پاس ورڈ مختلف ہیں: ایک ہی پاس ورڈ دو بار لکھیں۔</translation>
        </message>
    </context>
    <context>
        <name>ReturnedPanel</name>
        <message numerus="yes">
            <source>{n} row(s) you approved were returned after your approval, with the reason; the clerk corrects them and they come back to your review. Double-click one to open its page.</source>
            <translation>
                <numerusform>آپ کا منظور کردہ ⁦{n}⁩ اندراج منظوری کے بعد وجہ کے ساتھ واپس کیا گیا؛ کلرک اسے درست کرے گا اور وہ دوبارہ آپ کی پڑتال میں آئے گا۔ صفحہ کھولنے کے لیے اس پر دو بار کلک کریں۔</numerusform>
                <numerusform>آپ کے منظور کردہ ⁦{n}⁩ اندراجات منظوری کے بعد وجہ کے ساتھ واپس کیے گئے؛ کلرک انہیں درست کرے گا اور وہ دوبارہ آپ کی پڑتال میں آئیں گے۔ صفحہ کھولنے کے لیے کسی پر دو بار کلک کریں۔</numerusform>
            </translation>
        </message>
        <message>
            <source>No row you approved was returned.</source>
            <translation>آپ کا منظور کردہ کوئی اندراج واپس نہیں کیا گیا۔</translation>
        </message>
        <message numerus="yes">
            <source>{n} row(s) sent back for correction; double-click one to open its page.</source>
            <translation>
                <numerusform>⁦{n}⁩ اندراج درستی کے لیے واپس آیا ہے؛ صفحہ کھولنے کے لیے اس پر دو بار کلک کریں۔</numerusform>
                <numerusform>⁦{n}⁩ اندراج درستی کے لیے واپس آئے ہیں؛ صفحہ کھولنے کے لیے کسی پر دو بار کلک کریں۔</numerusform>
            </translation>
        </message>
        <message>
            <source>No rows were sent back.</source>
            <translation>کوئی اندراج واپس نہیں آیا۔</translation>
        </message>
    </context>
    <context>
        <name>ReviewPageView</name>
        <message>
            <source>Changed from the OCR text (struck out: OCR read; highlighted: value now)</source>
            <translation>OCR متن سے تبدیلیاں (کٹا ہوا: OCR نے پڑھا؛ نمایاں: موجودہ اندراج)</translation>
        </message>
        <message>
            <source>Approve page</source>
            <translation>صفحہ منظور کریں</translation>
        </message>
        <message>
            <source>Return page…</source>
            <translation>صفحہ واپس کریں…</translation>
        </message>
        <message>
            <source>Approve selected rows</source>
            <translation>منتخب اندراج منظور کریں</translation>
        </message>
        <message>
            <source>Return selected rows/field…</source>
            <translation>منتخب اندراج/خانہ واپس کریں…</translation>
        </message>
        <message>
            <source>Verify page</source>
            <translation>صفحے کی تصدیق کریں</translation>
        </message>
        <message>
            <source>{register} — page {n} ({state})</source>
            <translation>{register} — صفحہ ⁦{n}⁩ ({state})</translation>
        </message>
        <message>
            <source>OCR read: {text}</source>
            <translation>OCR نے پڑھا: {text}</translation>
        </message>
        <message>
            <source>(nothing)</source>
            <translation>(کچھ نہیں)</translation>
        </message>
        <message>
            <source>Copied: {text}</source>
            <translation>نقل شدہ: {text}</translation>
        </message>
        <message>
            <source>Returned: {comment}</source>
            <translation>واپس کیا گیا: {comment}</translation>
        </message>
        <message>
            <source>{row} · {state} · changed</source>
            <translation>{row} · {state} · تبدیل شدہ</translation>
        </message>
        <message>
            <source>This row changed after you opened the page: look at it again.</source>
            <translation>آپ کے صفحہ کھولنے کے بعد یہ سطر بدل گئی: اسے دوبارہ دیکھیں۔</translation>
        </message>
        <message>
            <source>Changed since copied from the previous edition (struck out: copied; highlighted: value now)</source>
            <translation>پچھلی جلد سے نقل کے بعد تبدیلیاں (کٹا ہوا: نقل شدہ؛ نمایاں: موجودہ اندراج)</translation>
        </message>
        <message>
            <source>The clerk kept every copied value.</source>
            <translation>کلرک نے ہر نقل شدہ اندراج برقرار رکھا ہے۔</translation>
        </message>
        <message>
            <source>The clerk kept every OCR reading.</source>
            <translation>کلرک نے OCR کی ہر پڑھت برقرار رکھی ہے۔</translation>
        </message>
        <message>
            <source>row {n}</source>
            <translation>سطر ⁦{n}⁩</translation>
        </message>
        <message>
            <source>You approved these rows yourself: another revenue officer must verify them.</source>
            <translation>یہ سطریں آپ نے خود منظور کی ہیں: ان کی تصدیق کوئی دوسرا ریونیو افسر کرے۔</translation>
        </message>
        <message>
            <source>You made or changed rows of this page: another revenue officer must verify or return it.</source>
            <translation>اس صفحے کے اندراج آپ نے کیے یا بدلے ہیں: اس کی تصدیق یا واپسی کوئی دوسرا ریونیو افسر کرے گا۔</translation>
        </message>
        <message>
            <source>You made or changed rows of this page: another reviewer must approve or return it.</source>
            <translation>اس صفحے کے اندراج آپ نے کیے یا بدلے ہیں: اسے کوئی دوسرا پڑتال کنندہ منظور یا واپس کرے گا۔</translation>
        </message>
        <message numerus="yes">
            <source>{k} row(s) go back to the clerk: {rows}.</source>
            <translation>
                <numerusform>⁦{k}⁩ اندراج کلرک کو واپس جائے گا: ⁦{rows}⁩۔</numerusform>
                <numerusform>⁦{k}⁩ اندراج کلرک کو واپس جائیں گے: ⁦{rows}⁩۔</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>{m} approved row(s) stay approved: {rows}. To send them back as well, select them and use “Return selected rows/field…”.</source>
            <translation>
                <numerusform>⁦{m}⁩ منظور شدہ اندراج منظور ہی رہے گا: ⁦{rows}⁩۔ اسے بھی واپس بھیجنا ہو تو منتخب کریں اور «منتخب اندراج/خانہ واپس کریں…» دبائیں۔</numerusform>
                <numerusform>⁦{m}⁩ منظور شدہ اندراج منظور ہی رہیں گے: ⁦{rows}⁩۔ انہیں بھی واپس بھیجنا ہو تو منتخب کریں اور «منتخب اندراج/خانہ واپس کریں…» دبائیں۔</numerusform>
            </translation>
        </message>
        <message>
            <source>Return page</source>
            <translation>صفحہ واپس کریں</translation>
        </message>
        <message>
            <source>Why does page {n} go back to the clerk?</source>
            <translation>صفحہ ⁦{n}⁩ کلرک کو کیوں واپس جا رہا ہے؟</translation>
        </message>
        <message>
            <source>No row of page {n} waits for review. To send approved rows back, select them and use “Return selected rows/field…”.</source>
            <translation>صفحہ ⁦{n}⁩ کا کوئی اندراج پڑتال کا منتظر نہیں۔ منظور شدہ اندراج واپس بھیجنے کے لیے انہیں منتخب کریں اور «منتخب اندراج/خانہ واپس کریں…» دبائیں۔</translation>
        </message>
        <message>
            <source>Return rows</source>
            <translation>اندراج واپس کریں</translation>
        </message>
        <message>
            <source>Why do rows {rows} go back to the clerk?</source>
            <translation>اندراج ⁦{rows}⁩ کلرک کو کیوں واپس جا رہے ہیں؟</translation>
        </message>
        <message numerus="yes">
            <source>Approved {n} row(s)</source>
            <translation>
                <numerusform>⁦{n}⁩ اندراج منظور ہو گیا</numerusform>
                <numerusform>⁦{n}⁩ اندراج منظور ہو گئے</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Returned {n} row(s) to the clerk</source>
            <translation>
                <numerusform>⁦{n}⁩ اندراج کلرک کو واپس کر دیا</numerusform>
                <numerusform>⁦{n}⁩ اندراج کلرک کو واپس کر دیے</numerusform>
            </translation>
        </message>
        <message>
            <source>Verified {n} row(s)</source>
            <translation>⁦{n}⁩ اندراج کی تصدیق ہو گئی</translation>
        </message>
        <message>
            <source>Refused: {reason}</source>
            <translation>نامنظور: {reason}</translation>
        </message>
    </context>
    <context>
        <name>ReviewPanel</name>
        <message>
            <source>Next page in the queue</source>
            <translation>قطار کا اگلا صفحہ</translation>
        </message>
        <message>
            <source>Previous page in the queue</source>
            <translation>قطار کا پچھلا صفحہ</translation>
        </message>
        <message>
            <source>Approve the page</source>
            <translation>صفحہ منظور کریں</translation>
        </message>
        <message>
            <source>Return the page with a comment</source>
            <translation>تبصرے کے ساتھ صفحہ واپس کریں</translation>
        </message>
        <message>
            <source>Verify the page</source>
            <translation>صفحے کی تصدیق کریں</translation>
        </message>
        <message>
            <source>Waiting for:</source>
            <translation>منتظر:</translation>
        </message>
        <message>
            <source>review (submitted)</source>
            <translation>پڑتال (پیش شدہ)</translation>
        </message>
        <message>
            <source>verification (approved)</source>
            <translation>تصدیق (منظور شدہ)</translation>
        </message>
        <message>
            <source>Register / clerk / page</source>
            <translation>رجسٹر / کلرک / صفحہ</translation>
        </message>
        <message>
            <source>Rows</source>
            <translation>اندراج</translation>
        </message>
        <message>
            <source>Approve selected pages…</source>
            <translation>منتخب صفحات منظور کریں…</translation>
        </message>
        <message numerus="yes">
            <source>review (submitted): {n} page(s)</source>
            <translation>
                <numerusform>پڑتال (پیش شدہ): ⁦{n}⁩ صفحہ</numerusform>
                <numerusform>پڑتال (پیش شدہ): ⁦{n}⁩ صفحات</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>verification (approved): {n} page(s)</source>
            <translation>
                <numerusform>تصدیق (منظور شدہ): ⁦{n}⁩ صفحہ</numerusform>
                <numerusform>تصدیق (منظور شدہ): ⁦{n}⁩ صفحات</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>{clerk} ({n} pages)</source>
            <translation>
                <numerusform>{clerk} (⁦{n}⁩ صفحہ)</numerusform>
                <numerusform>{clerk} (⁦{n}⁩ صفحات)</numerusform>
            </translation>
        </message>
        <message>
            <source>Page {n}</source>
            <translation>صفحہ ⁦{n}⁩</translation>
        </message>
        <message>
            <source>Your own work: another revenue officer must verify it</source>
            <translation>آپ کا اپنا کام: اس کی تصدیق کوئی دوسرا ریونیو افسر کرے گا</translation>
        </message>
        <message>
            <source>Your own work: another reviewer must approve it</source>
            <translation>آپ کا اپنا کام: اسے کوئی دوسرا پڑتال کنندہ منظور کرے گا</translation>
        </message>
        <message>
            <source>Verify selected pages…</source>
            <translation>منتخب صفحات کی تصدیق کریں…</translation>
        </message>
        <message>
            <source>No page waits for review. Pages appear here when clerks submit them.</source>
            <translation>پڑتال کے لیے کوئی صفحہ منتظر نہیں۔ کلرک صفحات پیش کریں گے تو یہاں نظر آئیں گے۔</translation>
        </message>
        <message>
            <source>No page waits for verification. Pages appear here when they are approved.</source>
            <translation>تصدیق کے لیے کوئی صفحہ منتظر نہیں۔ صفحات منظور ہوں گے تو یہاں نظر آئیں گے۔</translation>
        </message>
        <message>
            <source>Pages: </source>
            <translation>صفحات: </translation>
        </message>
        <message>
            <source>Approve pages</source>
            <translation>صفحات منظور کریں</translation>
        </message>
        <message>
            <source>Approve {rows} row(s) {of_pages} without opening each one?
Your name is recorded as the approver of every row.</source>
            <translation>{of_pages} ⁦{rows}⁩ اندراج ہر صفحہ کھولے بغیر منظور کریں؟
ہر اندراج کے منظور کنندہ کے طور پر آپ کا نام درج ہو گا۔</translation>
        </message>
        <message numerus="yes">
            <source>of {n} page(s)</source>
            <translation>
                <numerusform>⁦{n}⁩ صفحے کے</numerusform>
                <numerusform>⁦{n}⁩ صفحات کے</numerusform>
            </translation>
        </message>
        <message>
            <source>Verify pages</source>
            <translation>صفحات کی تصدیق کریں</translation>
        </message>
        <message>
            <source>Verify {rows} row(s) {of_pages} without opening each one?
Your name is recorded as the verifier of every row.</source>
            <translation>{of_pages} ⁦{rows}⁩ اندراج کی ہر صفحہ کھولے بغیر تصدیق کریں؟
ہر اندراج کے تصدیق کنندہ کے طور پر آپ کا نام درج ہو گا۔</translation>
        </message>
        <message>
            <source>Select the pages to verify in the queue first.</source>
            <translation>پہلے قطار میں وہ صفحات منتخب کریں جن کی تصدیق کرنی ہے۔</translation>
        </message>
        <message numerus="yes">
            <source>{n} page(s) of your own work were left for another revenue officer. </source>
            <translation>
                <numerusform>آپ کے اپنے کام کا ⁦{n}⁩ صفحہ دوسرے ریونیو افسر کے لیے چھوڑ دیا گیا۔ </numerusform>
                <numerusform>آپ کے اپنے کام کے ⁦{n}⁩ صفحات دوسرے ریونیو افسر کے لیے چھوڑ دیے گئے۔ </numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>{n} row(s) you approved yourself were left for another revenue officer. </source>
            <translation>
                <numerusform>آپ کا خود منظور کیا ہوا ⁦{n}⁩ اندراج دوسرے ریونیو افسر کے لیے چھوڑ دیا گیا۔ </numerusform>
                <numerusform>آپ کے خود منظور کیے ہوئے ⁦{n}⁩ اندراج دوسرے ریونیو افسر کے لیے چھوڑ دیے گئے۔ </numerusform>
            </translation>
        </message>
        <message>
            <source>Nothing to verify.</source>
            <translation>تصدیق کرنے کو کچھ نہیں۔</translation>
        </message>
        <message>
            <source>Nothing verified.</source>
            <translation>کسی کی تصدیق نہیں ہوئی۔</translation>
        </message>
        <message numerus="yes">
            <source>on {n} page(s)</source>
            <translation>
                <numerusform>⁦{n}⁩ صفحے پر</numerusform>
                <numerusform>⁦{n}⁩ صفحات پر</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Verified {n} row(s) {on_pages}.</source>
            <translation>
                <numerusform>{on_pages} ⁦{n}⁩ اندراج کی تصدیق ہو گئی۔</numerusform>
                <numerusform>{on_pages} ⁦{n}⁩ اندراجات کی تصدیق ہو گئی۔</numerusform>
            </translation>
        </message>
        <message>
            <source>Nothing verified: {reason}</source>
            <translation>کسی کی تصدیق نہیں ہوئی: {reason}</translation>
        </message>
        <message numerus="yes">
            <source>Approved {n} row(s) {on_pages}.</source>
            <translation>
                <numerusform>{on_pages} ⁦{n}⁩ اندراج منظور ہو گیا۔</numerusform>
                <numerusform>{on_pages} ⁦{n}⁩ اندراج منظور ہو گئے۔</numerusform>
            </translation>
        </message>
        <message>
            <source>Select the pages to approve in the queue first.</source>
            <translation>پہلے قطار میں منظور کیے جانے والے صفحات منتخب کریں۔</translation>
        </message>
        <message numerus="yes">
            <source>{n} page(s) of your own work were left for another reviewer. </source>
            <translation>
                <numerusform>آپ کے اپنے کام کا ⁦{n}⁩ صفحہ دوسرے پڑتال کنندہ کے لیے چھوڑ دیا گیا۔ </numerusform>
                <numerusform>آپ کے اپنے کام کے ⁦{n}⁩ صفحات دوسرے پڑتال کنندہ کے لیے چھوڑ دیے گئے۔ </numerusform>
            </translation>
        </message>
        <message>
            <source>Nothing to approve.</source>
            <translation>منظور کرنے کو کچھ نہیں۔</translation>
        </message>
        <message>
            <source>Nothing approved.</source>
            <translation>کچھ منظور نہیں ہوا۔</translation>
        </message>
        <message>
            <source>Nothing approved: {reason}</source>
            <translation>کچھ منظور نہیں ہوا: {reason}</translation>
        </message>
    </context>
    <context>
        <name>RoleBox</name>
        <message>
            <source>Records clerk</source>
            <translation>ریکارڈ کلرک</translation>
        </message>
        <message>
            <source>Supervisor (Girdawar)</source>
            <translation>نگران (گرداور)</translation>
        </message>
        <message>
            <source>Revenue officer</source>
            <translation>ریونیو افسر</translation>
        </message>
        <message>
            <source>Administrator (IT)</source>
            <translation>منتظم (آئی ٹی)</translation>
        </message>
    </context>
    <context>
        <name>ScanDialog</name>
        <message>
            <source>Scan pages</source>
            <translation>صفحات اسکین کریں</translation>
        </message>
        <message>
            <source>Refresh</source>
            <translation>تازہ کریں</translation>
        </message>
        <message>
            <source>Scanner</source>
            <translation>اسکینر</translation>
        </message>
        <message>
            <source>Resolution</source>
            <translation>ریزولیوشن</translation>
        </message>
        <message>
            <source>Colour</source>
            <translation>رنگ</translation>
        </message>
        <message>
            <source>One page (glass)</source>
            <translation>ایک صفحہ (شیشے پر)</translation>
        </message>
        <message>
            <source>All pages in the feeder</source>
            <translation>فیڈر کے تمام صفحات</translation>
        </message>
        <message>
            <source>Source</source>
            <translation>ذریعہ</translation>
        </message>
        <message>
            <source>Scan</source>
            <translation>اسکین کریں</translation>
        </message>
        <message>
            <source>Looking for scanners…</source>
            <translation>اسکینر تلاش کیے جا رہے ہیں…</translation>
        </message>
        <message>
            <source>Scanning…</source>
            <translation>اسکین ہو رہا ہے…</translation>
        </message>
    </context>
    <context>
        <name>SearchPanel</name>
        <message>
            <source>Search khewat no, khasra no or owner name…</source>
            <translation>کھیوٹ نمبر، خسرہ نمبر یا مالک کا نام تلاش کریں…</translation>
        </message>
        <message>
            <source>{n} row(s)</source>
            <translation>⁦{n}⁩ اندراج</translation>
        </message>
        <message numerus="yes">
            <source>{n} row(s) match “{q}”</source>
            <translation>
                <numerusform>«{q}» سے ⁦{n}⁩ اندراج ملتا ہے</numerusform>
                <numerusform>«{q}» سے ⁦{n}⁩ اندراج ملتے ہیں</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ShortcutsDialog</name>
        <message>
            <source>Keyboard shortcuts</source>
            <translation>کی بورڈ شارٹ کٹ</translation>
        </message>
        <message>
            <source>What it does</source>
            <translation>کام</translation>
        </message>
        <message>
            <source>Keys</source>
            <translation>کلیدیں</translation>
        </message>
    </context>
    <context>
        <name>SuggestionPopup</name>
        <message>
            <source>{n} use(s)</source>
            <translation>⁦{n}⁩ بار استعمال</translation>
        </message>
    </context>
    <context>
        <name>SyncPanel</name>
        <message>
            <source>Sending to the central office</source>
            <translation>مرکزی دفتر کو ترسیل</translation>
        </message>
        <message>
            <source>Problems</source>
            <translation>مسائل</translation>
        </message>
        <message>
            <source>Put approved entries in a batch</source>
            <translation>منظور شدہ اندراجات بیچ میں ڈالیں</translation>
        </message>
        <message>
            <source>Seals every approved entry not yet sent into a signed batch, sent with this sync and the next ones until the server has it.</source>
            <translation>ہر منظور شدہ اندراج جو ابھی نہیں بھیجا گیا ایک دستخط شدہ بیچ میں بند کرتا ہے، جو اس ہم آہنگی اور اگلی میں بھیجا جاتا ہے جب تک سرور کو مل نہ جائے۔</translation>
        </message>
        <message>
            <source>Handover sheet…</source>
            <translation>حوالگی کی شیٹ…</translation>
        </message>
        <message>
            <source>The batch just made, on paper for signatures: its entries, their count and the batch's hash.</source>
            <translation>ابھی بنایا گیا بیچ، دستخطوں کے لیے کاغذ پر: اس کے اندراجات، ان کی تعداد اور بیچ کا ہیش۔</translation>
        </message>
        <message>
            <source>Batch file for USB…</source>
            <translation>یو ایس بی کے لیے بیچ فائل…</translation>
        </message>
        <message>
            <source>Without a connection for long: the batch waiting to be sent, as a file to carry to the central office on a USB stick.</source>
            <translation>جب دیر تک رابطہ نہ ہو: بھیجے جانے کا منتظر بیچ، ایک فائل کی صورت میں جو یو ایس بی پر مرکزی دفتر لے جائی جائے۔</translation>
        </message>
        <message>
            <source>Sync now</source>
            <translation>ابھی ہم آہنگ کریں</translation>
        </message>
        <message>
            <source>Pause</source>
            <translation>روکیں</translation>
        </message>
        <message>
            <source>Check with the server</source>
            <translation>سرور سے جانچ کریں</translation>
        </message>
        <message>
            <source>Compares everything the central server holds of this office's entries with what was sent, and sends again anything it lost (its database restored from an older backup). A sync does this by itself once a day.</source>
            <translation>مرکزی سرور کے پاس اس دفتر کے جو اندراجات ہیں ان کا موازنہ بھیجے گئے اندراجات سے کرتا ہے، اور جو اس سے ضائع ہو گیا ہو (اس کا ڈیٹا بیس پرانے بیک اپ سے بحال ہوا ہو) وہ دوبارہ بھیجتا ہے۔ ہم آہنگی یہ روزانہ ایک بار خود بھی کرتی ہے۔</translation>
        </message>
        <message>
            <source>Send held-back entries again</source>
            <translation>روکے گئے اندراج دوبارہ بھیجیں</translation>
        </message>
        <message>
            <source>A batch is refused whole when one of its entries conflicts with the server's copy: its other entries go again in a new batch. The entry in conflict stays for a supervisor to decide.</source>
            <translation>جب بیچ کا کوئی ایک اندراج سرور کی نقل سے ٹکراتا ہے تو پورا بیچ واپس ہو جاتا ہے: اس کے باقی اندراج نئے بیچ میں دوبارہ جاتے ہیں۔ ٹکرانے والا اندراج نگران کے فیصلے کے لیے رکا رہتا ہے۔</translation>
        </message>
        <message>
            <source>Compare with the server's copy…</source>
            <translation>سرور کی نقل سے موازنہ…</translation>
        </message>
        <message>
            <source>The entry in conflict chosen under Problems beside the central server's copy of it, field by field.</source>
            <translation>مسائل میں چنا گیا ٹکرانے والا اندراج، مرکزی سرور کی نقل کے ساتھ، خانہ بہ خانہ۔</translation>
        </message>
        <message>
            <source>Reading the queue…</source>
            <translation>قطار پڑھی جا رہی ہے…</translation>
        </message>
        <message>
            <source>Sending…</source>
            <translation>بھیجا جا رہا ہے…</translation>
        </message>
        <message>
            <source>Comparing with the central server…</source>
            <translation>مرکزی سرور سے موازنہ ہو رہا ہے…</translation>
        </message>
        <message>
            <source>No connection to the central office. Sync will start by itself when the connection is back.</source>
            <translation>مرکزی دفتر سے رابطہ نہیں۔ رابطہ بحال ہوتے ہی ہم آہنگی خود شروع ہو جائے گی۔</translation>
        </message>
        <message numerus="yes">
            <source>Connected to the central office; {n} approved entries are not in a batch yet.</source>
            <translation>
                <numerusform>مرکزی دفتر سے رابطہ ہے؛ ⁦{n}⁩ منظور شدہ اندراج ابھی کسی بیچ میں نہیں۔</numerusform>
                <numerusform>مرکزی دفتر سے رابطہ ہے؛ ⁦{n}⁩ منظور شدہ اندراجات ابھی کسی بیچ میں نہیں۔</numerusform>
            </translation>
        </message>
        <message>
            <source>Connected to the central office; nothing waits to be sent.</source>
            <translation>مرکزی دفتر سے رابطہ ہے؛ بھیجنے کے لیے کچھ منتظر نہیں۔</translation>
        </message>
        <message numerus="yes">
            <source>Connected to the central office; {n} verified entries are not in a batch yet.</source>
            <translation>
                <numerusform>مرکزی دفتر سے رابطہ ہے؛ ⁦{n}⁩ تصدیق شدہ اندراج ابھی کسی بیچ میں نہیں۔</numerusform>
                <numerusform>مرکزی دفتر سے رابطہ ہے؛ ⁦{n}⁩ تصدیق شدہ اندراجات ابھی کسی بیچ میں نہیں۔</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Connected to the central office; {n} approved and verified entries are not in a batch yet.</source>
            <translation>
                <numerusform>مرکزی دفتر سے رابطہ ہے؛ ⁦{n}⁩ منظور شدہ اور تصدیق شدہ اندراج ابھی کسی بیچ میں نہیں۔</numerusform>
                <numerusform>مرکزی دفتر سے رابطہ ہے؛ ⁦{n}⁩ منظور شدہ اور تصدیق شدہ اندراجات ابھی کسی بیچ میں نہیں۔</numerusform>
            </translation>
        </message>
        <message>
            <source>The batch's entries: %p% sent</source>
            <translation>بیچ کے اندراجات: %p% بھیجے جا چکے</translation>
        </message>
        <message>
            <source>Page images: %v of %m</source>
            <translation>صفحات کی تصاویر: %m میں سے %v</translation>
        </message>
        <message numerus="yes">
            <source>{n} entries it had lost are sent again.</source>
            <translation>
                <numerusform>اس سے ضائع ہونے والا ⁦{n}⁩ اندراج دوبارہ بھیجا گیا۔</numerusform>
                <numerusform>اس سے ضائع ہونے والے ⁦{n}⁩ اندراجات دوبارہ بھیجے گئے۔</numerusform>
            </translation>
        </message>
        <message>
            <source>{n} entries it holds with other content are sent again: a supervisor decides them.</source>
            <translation>⁦{n}⁩ اندراجات اس کے پاس مختلف مواد کے ساتھ ہیں، وہ دوبارہ بھیجے گئے: ان کا فیصلہ نگران کرے گا۔</translation>
        </message>
        <message>
            <source>It no longer has its decision on {n} entries: it will decide them again.</source>
            <translation>اس کے پاس ⁦{n}⁩ اندراجات پر اپنا فیصلہ اب نہیں رہا: وہ ان پر دوبارہ فیصلہ کرے گا۔</translation>
        </message>
        <message>
            <source>Compared with the central server.</source>
            <translation>مرکزی سرور سے موازنہ ہو گیا۔</translation>
        </message>
        <message>
            <source>Compared with the central server: it holds everything this office sent.</source>
            <translation>مرکزی سرور سے موازنہ ہو گیا: اس دفتر کا بھیجا ہوا سب کچھ اس کے پاس موجود ہے۔</translation>
        </message>
        <message>
            <source>Could not compare with the central server: see why below. Nothing was lost.</source>
            <translation>مرکزی سرور سے موازنہ نہیں ہو سکا: وجہ نیچے دیکھیں۔ کچھ ضائع نہیں ہوا۔</translation>
        </message>
        <message>
            <source>Nothing this office sent had reached the central server yet: there was nothing to compare.</source>
            <translation>اس دفتر کا بھیجا ہوا کچھ بھی ابھی مرکزی سرور تک نہیں پہنچا تھا: موازنے کے لیے کچھ نہیں تھا۔</translation>
        </message>
        <message>
            <source>The central server is older than this check: nothing could be compared.</source>
            <translation>مرکزی سرور اس جانچ سے پرانا ہے: کوئی موازنہ نہیں ہو سکا۔</translation>
        </message>
        <message>
            <source>Nothing was sent again: see why under Problems.</source>
            <translation>کچھ دوبارہ نہیں بھیجا گیا: وجہ نیچے مسائل میں دیکھیں۔</translation>
        </message>
        <message numerus="yes">
            <source>{n} held-back entries are in a new batch.</source>
            <translation>
                <numerusform>⁦{n}⁩ روکا گیا اندراج نئے بیچ میں شامل ہو گیا۔</numerusform>
                <numerusform>⁦{n}⁩ روکے گئے اندراج نئے بیچ میں شامل ہو گئے۔</numerusform>
            </translation>
        </message>
        <message>
            <source>Nothing was put in a batch: {n} approved entries are ready now, not {shown}. Check the number on the button and press it again.</source>
            <translation>کچھ بیچ میں نہیں ڈالا گیا: اب ⁦{n}⁩ منظور شدہ اندراجات تیار ہیں، ⁦{shown}⁩ نہیں۔ بٹن پر لکھی تعداد دیکھ کر دوبارہ دبائیں۔</translation>
        </message>
        <message>
            <source>Nothing was put in a batch: no approved entries are waiting any more.</source>
            <translation>کچھ بیچ میں نہیں ڈالا گیا: اب کوئی منظور شدہ اندراج بیچ کا منتظر نہیں۔</translation>
        </message>
        <message>
            <source>Nothing was put in a batch: {n} verified entries are ready now, not {shown}. Check the number on the button and press it again.</source>
            <translation>کچھ بیچ میں نہیں ڈالا گیا: اب ⁦{n}⁩ تصدیق شدہ اندراجات تیار ہیں، ⁦{shown}⁩ نہیں۔ بٹن پر لکھی تعداد دیکھ کر دوبارہ دبائیں۔</translation>
        </message>
        <message>
            <source>Nothing was put in a batch: {n} approved and verified entries are ready now, not {shown}. Check the number on the button and press it again.</source>
            <translation>کچھ بیچ میں نہیں ڈالا گیا: اب ⁦{n}⁩ منظور شدہ اور تصدیق شدہ اندراجات تیار ہیں، ⁦{shown}⁩ نہیں۔ بٹن پر لکھی تعداد دیکھ کر دوبارہ دبائیں۔</translation>
        </message>
        <message>
            <source>Nothing was put in a batch: see why under Problems.</source>
            <translation>کچھ بیچ میں نہیں ڈالا گیا: وجہ نیچے مسائل میں دیکھیں۔</translation>
        </message>
        <message numerus="yes">
            <source>{n} verified entries are in a new batch.</source>
            <translation>
                <numerusform>⁦{n}⁩ تصدیق شدہ اندراج نئے بیچ میں ہے۔</numerusform>
                <numerusform>⁦{n}⁩ تصدیق شدہ اندراجات نئے بیچ میں ہیں۔</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>{n} approved and verified entries are in a new batch.</source>
            <translation>
                <numerusform>⁦{n}⁩ منظور شدہ اور تصدیق شدہ اندراج نئے بیچ میں ہے۔</numerusform>
                <numerusform>⁦{n}⁩ منظور شدہ اور تصدیق شدہ اندراجات نئے بیچ میں ہیں۔</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>{n} approved entries are in a new batch.</source>
            <translation>
                <numerusform>⁦{n}⁩ منظور شدہ اندراج نئے بیچ میں ہے۔</numerusform>
                <numerusform>⁦{n}⁩ منظور شدہ اندراجات نئے بیچ میں ہیں۔</numerusform>
            </translation>
        </message>
        <message>
            <source>Sync could not run. Nothing was lost: see why below.</source>
            <translation>ہم آہنگی نہیں ہو سکی۔ کچھ ضائع نہیں ہوا: وجہ نیچے دیکھیں۔</translation>
        </message>
        <message>
            <source>Sync stopped because of an unexpected problem. Nothing was lost.</source>
            <translation>ایک غیر متوقع مسئلے کی وجہ سے ہم آہنگی رک گئی۔ کچھ ضائع نہیں ہوا۔</translation>
        </message>
        <message>
            <source>Unexpected problem: {msg}</source>
            <translation>غیر متوقع مسئلہ: {msg}</translation>
        </message>
        <message>
            <source>Resume</source>
            <translation>جاری رکھیں</translation>
        </message>
        <message>
            <source>Sync is paused.</source>
            <translation>ہم آہنگی رکی ہوئی ہے۔</translation>
        </message>
        <message>
            <source>Sync is on.</source>
            <translation>ہم آہنگی جاری ہے۔</translation>
        </message>
        <message>
            <source>Done: {n} entries sent, {d} decisions received.</source>
            <translation>مکمل: ⁦{n}⁩ اندراج بھیجے گئے، {d} فیصلے موصول ہوئے۔</translation>
        </message>
        <message>
            <source>The connection dropped during the sync. What the central server received is kept; the next sync goes on from there.</source>
            <translation>ہم آہنگی کے دوران کنکشن ٹوٹ گیا۔ مرکزی سرور کو جو مل چکا وہ محفوظ ہے؛ اگلی ہم آہنگی وہیں سے آگے چلے گی۔</translation>
        </message>
        <message>
            <source>Sync did not finish. See the problems below.</source>
            <translation>ہم آہنگی مکمل نہیں ہوئی۔ نیچے مسائل دیکھیں۔</translation>
        </message>
        <message>
            <source>Waiting to send: {w}   ·   Sent, waiting for a decision: {a}   ·   Accepted: {ok}   ·   Rejected: {rej}   ·   Need a supervisor: {att}</source>
            <translation>بھیجنے کے منتظر: {w}   ·   بھیجے گئے، فیصلے کے منتظر: {a}   ·   قبول: {ok}   ·   مسترد: {rej}   ·   نگران درکار: {att}</translation>
        </message>
        <message>
            <source>Waiting for a revenue officer's verification: {v}</source>
            <translation>ریونیو افسر کی تصدیق کے منتظر: {v}</translation>
        </message>
        <message numerus="yes">
            <source>Put {n} verified entries in a batch</source>
            <translation>
                <numerusform>⁦{n}⁩ تصدیق شدہ اندراج بیچ میں ڈالیں</numerusform>
                <numerusform>⁦{n}⁩ تصدیق شدہ اندراجات بیچ میں ڈالیں</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Put {n} approved and verified entries in a batch</source>
            <translation>
                <numerusform>⁦{n}⁩ منظور شدہ اور تصدیق شدہ اندراج بیچ میں ڈالیں</numerusform>
                <numerusform>⁦{n}⁩ منظور شدہ اور تصدیق شدہ اندراجات بیچ میں ڈالیں</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Put {n} approved entries in a batch</source>
            <translation>
                <numerusform>⁦{n}⁩ منظور شدہ اندراج بیچ میں ڈالیں</numerusform>
                <numerusform>⁦{n}⁩ منظور شدہ اندراجات بیچ میں ڈالیں</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>{n} approved entries wait for a revenue officer's verification</source>
            <translation>
                <numerusform>⁦{n}⁩ منظور شدہ اندراج ریونیو افسر کی تصدیق کا منتظر ہے</numerusform>
                <numerusform>⁦{n}⁩ منظور شدہ اندراج ریونیو افسر کی تصدیق کے منتظر ہیں</numerusform>
            </translation>
        </message>
        <message>
            <source>Last successful sync: {t}</source>
            <translation>آخری کامیاب ہم آہنگی: ⁦{t}⁩</translation>
        </message>
        <message>
            <source>never</source>
            <translation>کبھی نہیں</translation>
        </message>
        <message>
            <source>(dated after this computer's clock: check its date and time)</source>
            <translation>(یہ اس کمپیوٹر کی گھڑی سے آگے کی تاریخ ہے: اس کی تاریخ اور وقت دیکھیں)</translation>
        </message>
        <message>
            <source>(yesterday)</source>
            <translation>(کل)</translation>
        </message>
        <message>
            <source>({n} days ago)</source>
            <translation>(⁦{n}⁩ دن پہلے)</translation>
        </message>
        <message>
            <source>Entry {uuid}, version {v}</source>
            <translation>اندراج ⁦{uuid}⁩، ورژن ⁦{v}⁩</translation>
        </message>
        <message>
            <source>Double-click to open its page at this row.</source>
            <translation>اس سطر پر اس کا صفحہ کھولنے کے لیے دو بار کلک کریں۔</translation>
        </message>
        <message>
            <source>Compare with the server's copy… shows it beside this office's.</source>
            <translation>«سرور کی نقل سے موازنہ…» اسے اس دفتر کی نقل کے ساتھ دکھاتا ہے۔</translation>
        </message>
        <message>
            <source>The central server no longer has its decision on {n} entries (its database was restored from a backup?): it will decide them again.</source>
            <translation>مرکزی سرور کے پاس ⁦{n}⁩ اندراجات پر اپنا فیصلہ اب نہیں رہا (کیا اس کا ڈیٹا بیس بیک اپ سے بحال کیا گیا؟): وہ ان پر دوبارہ فیصلہ کرے گا۔</translation>
        </message>
        <message>
            <source>This office keeps the decision it had on these entries until the central office decides them again. `daftar sync --status` names them.</source>
            <translation>جب تک مرکزی دفتر ان اندراجات پر دوبارہ فیصلہ نہ کرے، یہ دفتر ان پر پہلے والا فیصلہ رکھتا ہے۔ ⁦`daftar sync --status`⁩ ان کے نام بتاتا ہے۔</translation>
        </message>
        <message numerus="yes">
            <source>The central server had lost {n} entries; they are being sent again.</source>
            <translation>
                <numerusform>مرکزی سرور سے ⁦{n}⁩ اندراج ضائع ہو گیا تھا؛ اسے دوبارہ بھیجا جا رہا ہے۔</numerusform>
                <numerusform>مرکزی سرور سے ⁦{n}⁩ اندراجات ضائع ہو گئے تھے؛ انہیں دوبارہ بھیجا جا رہا ہے۔</numerusform>
            </translation>
        </message>
        <message>
            <source>The central server's database was restored from an older backup: this office sends again, as they were sealed, the entries it no longer holds. Nothing is lost.</source>
            <translation>مرکزی سرور کا ڈیٹا بیس ایک پرانے بیک اپ سے بحال کیا گیا: جو اندراجات اب اس کے پاس نہیں، یہ دفتر انہیں اسی طرح دوبارہ بھیجتا ہے جیسے وہ مہر بند کیے گئے تھے۔ کچھ ضائع نہیں ہوتا۔</translation>
        </message>
        <message>
            <source>Needs a supervisor</source>
            <translation>نگران درکار</translation>
        </message>
        <message>
            <source>Refused by the server</source>
            <translation>سرور نے انکار کیا</translation>
        </message>
        <message>
            <source>Rejected by the central office</source>
            <translation>مرکزی دفتر نے مسترد کیا</translation>
        </message>
        <message>
            <source>{problem} — {entry}: {why}</source>
            <translation>{problem} — {entry}: {why}</translation>
        </message>
        <message>
            <source>{register}, row {row}</source>
            <translation>{register}، سطر ⁦{row}⁩</translation>
        </message>
        <message>
            <source>{register}, page {page}, row {row}</source>
            <translation>{register}، صفحہ ⁦{page}⁩، سطر ⁦{row}⁩</translation>
        </message>
        <message>
            <source>(khewat {khewat})</source>
            <translation>(کھیوٹ {khewat})</translation>
        </message>
    </context>
    <context>
        <name>SystemErrors</name>
        <message>
            <source>the disk is full</source>
            <translation>ڈسک بھر چکی ہے</translation>
        </message>
        <message>
            <source>permission denied: Daftar may not use this file or folder</source>
            <translation>اجازت نہیں: دفتر اس فائل یا فولڈر کو استعمال نہیں کر سکتا</translation>
        </message>
        <message>
            <source>the file or folder does not exist</source>
            <translation>فائل یا فولڈر موجود نہیں</translation>
        </message>
        <message>
            <source>the disk is read-only: nothing can be written on it</source>
            <translation>ڈسک صرف پڑھنے کے لیے ہے: اس پر کچھ لکھا نہیں جا سکتا</translation>
        </message>
        <message>
            <source>the disk could not be read or written (it may be failing or was unplugged)</source>
            <translation>ڈسک پڑھی یا لکھی نہیں جا سکی (شاید خراب ہے یا نکال لی گئی)</translation>
        </message>
        <message>
            <source>a file or folder of that name is already there</source>
            <translation>اس نام کی فائل یا فولڈر پہلے سے موجود ہے</translation>
        </message>
        <message>
            <source>the file name or folder path is too long</source>
            <translation>فائل کا نام یا فولڈر کا راستہ بہت لمبا ہے</translation>
        </message>
        <message>
            <source>the file or disk is in use by another program</source>
            <translation>فائل یا ڈسک کسی دوسرے پروگرام کے استعمال میں ہے</translation>
        </message>
        <message>
            <source>a file is where a folder should be</source>
            <translation>جہاں فولڈر ہونا چاہیے وہاں فائل ہے</translation>
        </message>
        <message>
            <source>this is a folder, not a file</source>
            <translation>یہ فولڈر ہے، فائل نہیں</translation>
        </message>
        <message>
            <source>too many files are open: close other programs and try again</source>
            <translation>بہت زیادہ فائلیں کھلی ہیں: دوسرے پروگرام بند کر کے دوبارہ کوشش کریں</translation>
        </message>
        <message>
            <source>the server refused the connection (is it running, at this address?)</source>
            <translation>سرور نے رابطہ قبول نہیں کیا (کیا سرور چل رہا ہے، اور پتا درست ہے؟)</translation>
        </message>
        <message>
            <source>the server's name was not found (check the address and the internet connection)</source>
            <translation>سرور کا نام نہیں ملا (پتا اور انٹرنیٹ کنکشن دیکھیں)</translation>
        </message>
        <message>
            <source>the connection is too slow or stopped answering</source>
            <translation>رابطہ بہت سست ہے یا جواب دینا بند ہو گیا</translation>
        </message>
        <message>
            <source>the network cannot reach the server</source>
            <translation>نیٹ ورک سرور تک نہیں پہنچ سکا</translation>
        </message>
        <message>
            <source>the connection was cut off</source>
            <translation>رابطہ بیچ میں ٹوٹ گیا</translation>
        </message>
        <message>
            <source>the server's certificate could not be verified (ask IT to check the CA bundle)</source>
            <translation>سرور کے سرٹیفکیٹ کی تصدیق نہیں ہو سکی (IT سے CA فائل چیک کروائیں)</translation>
        </message>
        <message>
            <source>the file is not a ZIP file or it is damaged</source>
            <translation>یہ فائل ZIP نہیں یا خراب ہے</translation>
        </message>
        <message>
            <source>the file is not an image Daftar can read, or it is damaged</source>
            <translation>یہ فائل ایسی تصویر نہیں جو دفتر پڑھ سکے، یا خراب ہے</translation>
        </message>
        <message>
            <source>the file is not a PDF or it is damaged</source>
            <translation>یہ فائل PDF نہیں یا خراب ہے</translation>
        </message>
        <message>
            <source>the PDF is locked with a password</source>
            <translation>اس PDF پر پاس ورڈ لگا ہے</translation>
        </message>
        <message>
            <source>the database is busy with other work: try again in a moment</source>
            <translation>ڈیٹا بیس کسی اور کام میں مصروف ہے: تھوڑی دیر بعد دوبارہ کوشش کریں</translation>
        </message>
        <message>
            <source>the database could not be read or written on the disk (it may be failing or was unplugged)</source>
            <translation>ڈیٹا بیس ڈسک پر پڑھا یا لکھا نہیں جا سکا (ڈسک شاید خراب ہے یا نکال لی گئی)</translation>
        </message>
        <message>
            <source>the database is damaged</source>
            <translation>ڈیٹا بیس خراب ہو چکا ہے</translation>
        </message>
        <message>
            <source>the database may not be written (a read-only disk or no permission)</source>
            <translation>ڈیٹا بیس میں لکھا نہیں جا سکتا (ڈسک صرف پڑھنے کے لیے ہے یا اجازت نہیں)</translation>
        </message>
        <message>
            <source>the database file cannot be opened</source>
            <translation>ڈیٹا بیس کی فائل نہیں کھل سکی</translation>
        </message>
        <message>
            <source>the file is not a database, or its key is wrong</source>
            <translation>یہ فائل ڈیٹا بیس نہیں، یا اس کی چابی غلط ہے</translation>
        </message>
    </context>
    <context>
        <name>UrduKeyboard</name>
        <message>
            <source>Shift</source>
            <translation>شفٹ</translation>
        </message>
        <message>
            <source>Second letter of each key (ٹ ڈ ڑ ں ھ …)</source>
            <translation>ہر کلید کا دوسرا حرف (ٹ ڈ ڑ ں ھ …)</translation>
        </message>
        <message>
            <source>Space</source>
            <translation>وقفہ</translation>
        </message>
        <message>
            <source>Delete the letter before the cursor</source>
            <translation>کرسر سے پہلے والا حرف مٹائیں</translation>
        </message>
        <message>
            <source>{urdu} (key {key})</source>
            <translation>{urdu} (کلید ⁦{key}⁩)</translation>
        </message>
        <message>
            <source>Phonetic Urdu typing is on (Shift+F9 turns it off)</source>
            <translation>صوتی اردو ٹائپنگ چالو ہے: لاطینی کلیدیں اردو لکھتی ہیں (⁦Shift+F9⁩ سے بند کریں)</translation>
        </message>
    </context>
    <context>
        <name>UsersDialog</name>
        <message>
            <source>Users</source>
            <translation>صارفین</translation>
        </message>
        <message>
            <source>New user…</source>
            <translation>نیا صارف…</translation>
        </message>
        <message>
            <source>Reset password…</source>
            <translation>پاس ورڈ نیا کریں…</translation>
        </message>
        <message>
            <source>Disable user</source>
            <translation>صارف غیر فعال کریں</translation>
        </message>
        <message>
            <source>New recovery code…</source>
            <translation>نیا بحالی کوڈ…</translation>
        </message>
        <message>
            <source>yes</source>
            <translation>ہاں</translation>
        </message>
        <message>
            <source>no</source>
            <translation>نہیں</translation>
        </message>
        <message>
            <source>Enable user…</source>
            <translation>صارف دوبارہ فعال کریں…</translation>
        </message>
        <message>
            <source>You cannot disable your own account.</source>
            <translation>آپ اپنا اکاؤنٹ غیر فعال نہیں کر سکتے۔</translation>
        </message>
        <message>
            <source>Refused: {reason}</source>
            <translation>نامنظور: {reason}</translation>
        </message>
        <message>
            <source>Recovery code</source>
            <translation>بحالی کوڈ</translation>
        </message>
        <message>
            <source>Write this recovery code down and keep it locked away. It opens the workspace when every administrator password is lost, and it is shown only this once:

{code}</source>
            <translation>یہ بحالی کوڈ لکھ لیں یا پرنٹ کر کے تالے میں محفوظ رکھیں۔ تمام منتظمین کے پاس ورڈ گم ہو جائیں تو یہی ورک اسپیس کھولتا ہے، اور یہ صرف ایک بار دکھایا جاتا ہے:

⁦{code}⁩</translation>
        </message>
        <message>
            <source>User {user} created.</source>
            <translation>صارف {user} بن گیا۔</translation>
        </message>
        <message>
            <source>Select a user first.</source>
            <translation>پہلے صارف منتخب کریں۔</translation>
        </message>
        <message>
            <source>New password set for {user}; they must change it at the next sign-in.</source>
            <translation>{user} کا نیا پاس ورڈ رکھ دیا گیا؛ اگلے داخلے پر انہیں اسے بدلنا ہو گا۔</translation>
        </message>
        <message>
            <source>{user} is enabled again and must choose a new password at the next sign-in.</source>
            <translation>{user} دوبارہ فعال ہیں؛ اگلی بار داخل ہوتے ہی انہیں نیا پاس ورڈ چننا ہوگا۔</translation>
        </message>
        <message>
            <source>Disable {user}? They can no longer sign in; their work and its audit stay.</source>
            <translation>{user} کو غیر فعال کریں؟ وہ داخل نہیں ہو سکیں گے؛ ان کا کام اور اس کا آڈٹ محفوظ رہے گا۔</translation>
        </message>
        <message>
            <source>{user} is disabled.</source>
            <translation>{user} غیر فعال ہو گیا۔</translation>
        </message>
        <message>
            <source>Make a new recovery code? The old one stops working.</source>
            <translation>نیا بحالی کوڈ بنائیں؟ پرانا کوڈ کام کرنا چھوڑ دے گا۔</translation>
        </message>
        <message>
            <source>New recovery code made.</source>
            <translation>نیا بحالی کوڈ بن گیا۔</translation>
        </message>
    </context>
    <context>
        <name>WaitingNotice</name>
        <message numerus="yes">
            <source>{n} page(s) wait for your verification</source>
            <translation>
                <numerusform>⁦{n}⁩ صفحہ آپ کی تصدیق کا منتظر ہے</numerusform>
                <numerusform>⁦{n}⁩ صفحات آپ کی تصدیق کے منتظر ہیں</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>{n} page(s) wait for review</source>
            <translation>
                <numerusform>⁦{n}⁩ صفحہ پڑتال کا منتظر ہے</numerusform>
                <numerusform>⁦{n}⁩ صفحات پڑتال کے منتظر ہیں</numerusform>
            </translation>
        </message>
        <message>
            <source>Open the review ({keys})</source>
            <translation>پڑتال کھولیں ({keys})</translation>
        </message>
        <message numerus="yes">
            <source>{n} row(s) you approved were returned</source>
            <translation>
                <numerusform>آپ کا منظور کردہ ⁦{n}⁩ اندراج واپس کیا گیا</numerusform>
                <numerusform>آپ کے منظور کردہ ⁦{n}⁩ اندراجات واپس کیے گئے</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>_HeaderPage</name>
        <message>
            <source>Register heading</source>
            <translation>رجسٹر کی سرخی</translation>
        </message>
        <message>
            <source>District</source>
            <translation>ضلع</translation>
        </message>
        <message>
            <source>Tehsil</source>
            <translation>تحصیل</translation>
        </message>
        <message>
            <source>Mauza</source>
            <translation>موضع</translation>
        </message>
        <message>
            <source>Hadbast no</source>
            <translation>حدبست نمبر</translation>
        </message>
        <message>
            <source>Year</source>
            <translation>سال</translation>
        </message>
        <message>
            <source>Volume</source>
            <translation>جلد</translation>
        </message>
    </context>
    <context>
        <name>_KindPage</name>
        <message>
            <source>Kind of register</source>
            <translation>رجسٹر کی قسم</translation>
        </message>
        <message>
            <source>Which register are these pages from?</source>
            <translation>یہ صفحات کس رجسٹر کے ہیں؟</translation>
        </message>
    </context>
    <context>
        <name>form</name>
        <message>
            <source>Not accepted: {reason}</source>
            <translation>نامنظور: {reason}</translation>
        </message>
    </context>
    <context>
        <name>view</name>
        <message>
            <source>Move row</source>
            <translation>سطر منتقل کریں</translation>
        </message>
        <message>
            <source>Add row</source>
            <translation>سطر شامل کریں</translation>
        </message>
        <message>
            <source>Delete row</source>
            <translation>سطر حذف کریں</translation>
        </message>
    </context>
    <context>
        <name>win</name>
        <message>
            <source>Review</source>
            <translation>پڑتال</translation>
        </message>
        <message>
            <source>Audit</source>
            <translation>آڈٹ</translation>
        </message>
        <message>
            <source>Row {n} returned by {user}: {comment}</source>
            <translation>سطر ⁦{n}⁩ کو {user} نے واپس کیا: {comment}</translation>
        </message>
        <message>
            <source>Returned to me</source>
            <translation>مجھے واپس شدہ</translation>
        </message>
        <message>
            <source>Returned after my approval</source>
            <translation>میری منظوری کے بعد واپس شدہ</translation>
        </message>
        <message>
            <source>Returned after my approval ({n})</source>
            <translation>میری منظوری کے بعد واپس شدہ (⁦{n}⁩)</translation>
        </message>
        <message>
            <source>Returned to me ({n})</source>
            <translation>مجھے واپس شدہ (⁦{n}⁩)</translation>
        </message>
        <message>
            <source>Back up the workspace into…</source>
            <translation>ورک اسپیس کا بیک اپ اس فولڈر میں…</translation>
        </message>
        <message>
            <source>Writing a backup into {folder}…</source>
            <translation>{folder} میں بیک اپ لکھا جا رہا ہے…</translation>
        </message>
        <message>
            <source>Back up the workspace</source>
            <translation>ورک اسپیس کا بیک اپ</translation>
        </message>
        <message>
            <source>The backup was stopped: nothing was written.</source>
            <translation>بیک اپ روک دیا گیا: کچھ نہیں لکھا گیا۔</translation>
        </message>
        <message>
            <source>Save a batch file for USB</source>
            <translation>یو ایس بی کے لیے بیچ فائل محفوظ کریں</translation>
        </message>
        <message>
            <source>Daftar batch files ({pattern})</source>
            <translation>دفتر کی بیچ فائلیں (⁦{pattern}⁩)</translation>
        </message>
        <message>
            <source>Password changed.</source>
            <translation>پاس ورڈ تبدیل ہو گیا۔</translation>
        </message>
        <message>
            <source>Choose a register first.</source>
            <translation>پہلے رجسٹر منتخب کریں۔</translation>
        </message>
        <message>
            <source>Sync</source>
            <translation>ہم آہنگی</translation>
        </message>
        <message>
            <source>The database of this workspace is damaged ({damage}). What is saved from now on may be lost. Stop work and ask IT to run `daftar check` and restore the latest backup.</source>
            <translation>اس ورک اسپیس کا ڈیٹا بیس خراب ہے ({damage})۔ اب سے جو محفوظ ہو گا وہ ضائع ہو سکتا ہے۔ کام روک دیں اور آئی ٹی سے کہیں کہ ⁦`daftar check`⁩ چلائیں اور آخری بیک اپ بحال کریں۔</translation>
        </message>
        <message>
            <source>Database damaged</source>
            <translation>ڈیٹا بیس خراب ہے</translation>
        </message>
        <message>
            <source>Daftar</source>
            <translation>دفتر</translation>
        </message>
    </context>
</TS>
