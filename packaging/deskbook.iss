; Deskbook's Windows installer (Inno Setup 6): wraps the PyInstaller bundle dist\deskbook built by
; `python packaging/bundle.py`. Built by .github/workflows/windows-installer.yml:
;   iscc /DAppVersion=0.1.0 packaging\deskbook.iss        -> dist\Deskbook-0.1.0-setup.exe
; Per user, without administrator rights, into %LOCALAPPDATA%\Programs\Deskbook. The user's data lives elsewhere,
; in %LOCALAPPDATA%\Deskbook (app/paths.py): an upgrade never touches it, and the uninstaller keeps it unless the
; user answers Yes to its question (No is the default; a silent uninstall always keeps it).

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z packaging\deskbook.iss
#endif

[Setup]
; The AppId ties every version together: a newer installer upgrades in place. Never change it.
AppId={{6C1E2B0A-4F7D-4C55-9E3B-D35C2B7A1F08}
AppName=Deskbook
AppVersion={#AppVersion}
AppPublisher=Deskbook
VersionInfoVersion={#AppVersion}
; Per-user install: no UAC prompt; {autopf} is then %LOCALAPPDATA%\Programs.
PrivilegesRequired=lowest
DefaultDirName={autopf}\Deskbook
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; A running Deskbook is asked to close (Restart Manager) so its files can be replaced; it is not restarted.
CloseApplications=yes
RestartApplications=no
OutputDir=..\dist
OutputBaseFilename=Deskbook-{#AppVersion}-setup
SetupIconFile=deskbook.ico
UninstallDisplayIcon={app}\Deskbook.exe
UninstallDisplayName=Deskbook
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
#ifdef Sign
; iscc /DSign "/Ssigntool=signtool.exe sign /sha1 THUMBPRINT /fd sha256 /tr TIMESTAMP-URL /td sha256 $f" …
; signs the installer and the uninstaller it writes (README: Code signing).
SignTool=signtool
SignedUninstaller=yes
#endif

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#endif

[CustomMessages]
english.DeleteData=Also delete your Deskbook data (knowledge base, records, backups) in%n%1?%n%nChoose No to keep it for a later installation.
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
chinesesimplified.DeleteData=是否同时删除 Deskbook 数据（知识库、记录、备份）？%n%1%n%n选“否”则保留，重新安装后可继续使用。
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; The previous version's libraries go first, so none of them lingers beside the new ones. (Not the data.)
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "..\dist\deskbook\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Deskbook"; Filename: "{app}\Deskbook.exe"
Name: "{autodesktop}\Deskbook"; Filename: "{app}\Deskbook.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\Deskbook.exe"; Description: "{cm:LaunchProgram,Deskbook}"; Flags: nowait postinstall skipifsilent

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataDir: String;
begin
  if CurUninstallStep <> usPostUninstall then
    Exit;
  DataDir := ExpandConstant('{localappdata}\Deskbook');
  if UninstallSilent or not DirExists(DataDir) then
    Exit;
  if MsgBox(FmtMessage(CustomMessage('DeleteData'), [DataDir]), mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES then
    DelTree(DataDir, True, True, True);
end;
