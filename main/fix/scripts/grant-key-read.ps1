# ndes-doctor-script: fix/grant-key-read
# Grants a principal Read on an RA certificate's private key ("Manage Private Keys").
Grant-KeyRead -Thumbprint $Thumbprint -Principal $Principal
